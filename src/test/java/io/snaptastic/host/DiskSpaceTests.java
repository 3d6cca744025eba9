package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTests {

    @TempDir
    Path dir;

    @Test
    void readsTheSizeAndFreeSpaceOfTheFilesystemHoldingAPath() {
        DiskSpace space = DiskSpace.of(dir.toString()).orElseThrow();

        assertThat(space.totalBytes()).isPositive();
        assertThat(space.freeBytes()).isBetween(0L, space.totalBytes());
        assertThat(space.usableBytes()).isBetween(0L, space.freeBytes());
    }

    @Test
    void isEmptyWhereNothingCanBeRead() {
        assertThat(DiskSpace.of(dir.resolve("gone").toString())).isEmpty();
    }
}

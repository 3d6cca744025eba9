package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTests {

    @TempDir
    Path dir;

    MountTable table;

    @BeforeEach
    void writeMountInfo() throws IOException {
        Path mountInfo = dir.resolve("mountinfo");
        Files.writeString(mountInfo, """
                27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
                40 27 259:1 / /mnt/solr rw,noatime - xfs /dev/nvme1n1 rw
                41 40 259:2 / /mnt/solr rw,noatime - ext4 /dev/nvme2n1 rw
                42 27 259:3 / /mnt/solr-logs rw - ext4 /dev/nvme3n1 rw
                43 27 259:4 / /mnt/my\\040disk rw - ext4 /dev/nvme4n1 rw
                """);
        table = new MountTable(mountInfo);
    }

    @Test
    void listsEveryMount() {
        assertThat(table.entries()).extracting(MountEntry::mountId).containsExactly(27, 40, 41, 42, 43);
    }

    @Test
    void findsTheTopMountWhereSeveralAreStacked() {
        assertThat(table.at("/mnt/solr")).map(MountEntry::source).hasValue("/dev/nvme2n1");
    }

    @Test
    void oneReadAnswersLookupsOfManyMountPointsAsOfThatRead() throws IOException {
        MountTable.Mounts mounts = table.read();
        Files.writeString(dir.resolve("mountinfo"), "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");

        assertThat(mounts.at("/mnt/solr")).map(MountEntry::source).hasValue("/dev/nvme2n1");
        assertThat(mounts.at("/mnt/solr-logs")).map(MountEntry::source).hasValue("/dev/nvme3n1");
        assertThat(mounts.at("/mnt/nothing")).isEmpty();
        assertThat(table.at("/mnt/solr")).isEmpty();
    }

    @Test
    void findsNothingWhereNothingIsMounted() {
        assertThat(table.at("/mnt/nothing")).isEmpty();
        assertThat(table.at("/mnt")).isEmpty();
    }

    @Test
    void findsTheMountHoldingAPathByWholePathComponents() {
        assertThat(table.containing(Path.of("/mnt/solr/data/index"))).map(MountEntry::source).hasValue("/dev/nvme2n1");
        assertThat(table.containing(Path.of("/mnt/solr-logs/today"))).map(MountEntry::source).hasValue("/dev/nvme3n1");
        assertThat(table.containing(Path.of("/mnt/solrx"))).map(MountEntry::source).hasValue("/dev/vda");
        assertThat(table.containing(Path.of("/mnt/my disk/x"))).map(MountEntry::source).hasValue("/dev/nvme4n1");
    }

    @Test
    void findsTheRootMount() {
        assertThat(table.root()).map(MountEntry::majorMinor).hasValue("254:0");
    }

    @Test
    void readsTheProcessMountTableByDefault() {
        assertThat(new MountTable().root()).isPresent();
    }
}

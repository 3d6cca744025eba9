package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlkidParserTests {

    @Test
    void readsLowLevelProbeOfAFilesystem() {
        String output = """
                DEVNAME=/dev/loop0
                UUID=f793715b-05bc-4e87-8145-adc7b6e1ac4b
                VERSION=1.0
                BLOCK_SIZE=1024
                TYPE=ext4
                USAGE=filesystem
                """;

        assertThat(BlkidParser.parseExport(output))
                .containsEntry("TYPE", "ext4")
                .containsEntry("UUID", "f793715b-05bc-4e87-8145-adc7b6e1ac4b")
                .containsEntry("USAGE", "filesystem")
                .doesNotContainKey("PTTYPE");
    }

    @Test
    void readsAPartitionTable() {
        assertThat(BlkidParser.parseExport("DEVNAME=/dev/loop0\nPTUUID=1234abcd\nPTTYPE=dos\n"))
                .containsEntry("PTTYPE", "dos")
                .containsEntry("PTUUID", "1234abcd");
    }

    @Test
    void unescapesValuesAndKeepsEqualsSignsInThem() {
        assertThat(BlkidParser.parseExport("LABEL=solr\\ data\nPARTLABEL=a=b\n"))
                .containsEntry("LABEL", "solr data")
                .containsEntry("PARTLABEL", "a=b");
    }

    @Test
    void readsNothingFromEmptyOutput() {
        assertThat(BlkidParser.parseExport("")).isEmpty();
    }
}

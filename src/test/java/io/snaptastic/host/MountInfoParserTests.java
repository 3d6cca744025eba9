package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoParserTests {

    static final String MOUNTINFO = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
            36 27 259:1 / /mnt/solr\\040data rw,noatime shared:12 master:3 - xfs /dev/nvme1n1 rw,attr2,inode64
            37 27 7:0 /sub /srv/bind\\011tab\\134slash ro,relatime - ext4 /dev/loop0 ro
            """;

    @Test
    void readsEveryFieldOfALine() {
        List<MountEntry> entries = MountInfoParser.parse(MOUNTINFO);

        assertThat(entries).hasSize(4);
        assertThat(entries.get(1)).isEqualTo(new MountEntry(
                27, 1, "254:0", "/", "/", List.of("rw", "relatime"), "ext4", "/dev/vda", List.of("rw", "discard")));
    }

    @Test
    void skipsAnyNumberOfOptionalFields() {
        MountEntry solr = MountInfoParser.parse(MOUNTINFO).get(2);

        assertThat(solr.fsType()).isEqualTo("xfs");
        assertThat(solr.source()).isEqualTo("/dev/nvme1n1");
        assertThat(solr.superOptions()).containsExactly("rw", "attr2", "inode64");
        assertThat(MountInfoParser.parse(MOUNTINFO).get(0).fsType()).isEqualTo("proc");
    }

    @Test
    void decodesOctalEscapesInPaths() {
        List<MountEntry> entries = MountInfoParser.parse(MOUNTINFO);

        assertThat(entries.get(2).mountPoint()).isEqualTo("/mnt/solr data");
        assertThat(entries.get(3).mountPoint()).isEqualTo("/srv/bind\ttab\\slash");
        assertThat(entries.get(3).root()).isEqualTo("/sub");
        assertThat(entries.get(3).readOnly()).isTrue();
    }

    @Test
    void leavesABackslashThatIsNoEscapeAlone() {
        assertThat(MountInfoParser.unescape("/a\\9b\\04")).isEqualTo("/a\\9b\\04");
    }

    @Test
    void rejectsALineWithoutItsSeparator() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MountInfoParser.parse("22 27 0:21 / /proc rw,relatime proc proc rw\n"))
                .withMessageContaining("line 1");
    }

    @Test
    void rejectsANonNumericId() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MountInfoParser.parse("x 27 0:21 / /proc rw - proc proc rw"));
    }
}

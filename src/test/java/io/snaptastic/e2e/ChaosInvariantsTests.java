package io.snaptastic.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import tools.jackson.databind.json.JsonMapper;

/** The chaos drill's invariants on fixtures: each finds what breaks it, and nothing where it holds. */
class ChaosInvariantsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anAvailableVolumeIsUnusedUnlessRetained() {
        assertThat(ChaosInvariants.volumeFindings(List.of(volume("vol-1", "available", null, "false"))))
                .singleElement().asString().contains("vol-1 is available, not retained");
        assertThat(ChaosInvariants.volumeFindings(List.of(volume("vol-2", "available", null, "true")))).isEmpty();
    }

    @Test
    void aVolumeStuckAttachingIsFound() {
        assertThat(ChaosInvariants.volumeFindings(List.of(volume("vol-1", "in-use", "attaching", "true"))))
                .singleElement().asString().contains("vol-1 is stuck attaching at /dev/sdf");
    }

    @Test
    void twoAttachedVolumesForOneMountPointAreFoundAndOneIsFine() {
        Volume one = volume("vol-1", "in-use", "attached", null);
        assertThat(ChaosInvariants.volumeFindings(List.of(one))).isEmpty();
        assertThat(ChaosInvariants.volumeFindings(List.of(one, volume("vol-2", "in-use", "attached", null))))
                .singleElement().asString().contains("2 managed volumes attached for /mnt/solr: [vol-1, vol-2]");
    }

    @Test
    void readinessUpWithAMountPointTheKernelDoesNotHaveIsFound() {
        String up = "{\"status\":\"UP\",\"components\":{\"mounts\":{\"status\":\"UP\",\"details\":{\"/mnt/solr\":"
                + "{\"status\":\"UP\"}}},\"recovery\":{\"status\":\"UP\"}}}";

        assertThat(ChaosInvariants.readinessFindings(200, JSON.readTree(up), Set.of(Path.of("/mnt/solr"))::contains)).isEmpty();
        assertThat(ChaosInvariants.readinessFindings(200, JSON.readTree(up), point -> false))
                .singleElement().asString().contains("of /mnt/solr, mounted: false");
    }

    @Test
    void readinessDownNotMountedIsConsistentAndItsStatusMustFollowTheComponents() {
        String down = "{\"status\":\"DOWN\",\"components\":{\"mounts\":{\"status\":\"DOWN\",\"details\":{\"/mnt/solr\":"
                + "{\"status\":\"DOWN\",\"problem\":\"not mounted\"}}},\"recovery\":{\"status\":\"UP\"}}}";

        assertThat(ChaosInvariants.readinessFindings(503, JSON.readTree(down), point -> false)).isEmpty();
        assertThat(ChaosInvariants.readinessFindings(200, JSON.readTree(down), point -> false))
                .singleElement().asString().contains("readiness answers 200 while its components are");
    }

    private static Volume volume(String id, String state, String attachment, String retained) {
        List<Tag> tags = new ArrayList<>(List.of(Tag.builder().key("snaptastic:managed").value("true").build(),
                Tag.builder().key("mount_point").value("/mnt/solr").build()));
        if (retained != null) {
            tags.add(Tag.builder().key("snaptastic:retained").value(retained).build());
        }
        Volume.Builder volume = Volume.builder().volumeId(id).state(state).tags(tags);
        if (attachment != null) {
            volume.attachments(VolumeAttachment.builder().volumeId(id).device("/dev/sdf").state(attachment).build());
        }
        return volume.build();
    }
}

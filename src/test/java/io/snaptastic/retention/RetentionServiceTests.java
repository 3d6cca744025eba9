package io.snaptastic.retention;

import static io.snaptastic.retention.RetentionPolicyTests.NOW;
import static io.snaptastic.retention.RetentionPolicyTests.daysAgo;
import static io.snaptastic.retention.RetentionPolicyTests.managed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.ec2.Volume;
import io.snaptastic.retention.RetentionDecision.Reason;
import io.snaptastic.snapshotter.Retention;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterSettings;
import io.snaptastic.snapshotter.VolumeSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetentionServiceTests {

    final Ec2 ec2 = mock(Ec2.class);
    final Snapshotter snapshotter = mock(Snapshotter.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RetentionService service = new RetentionService(ec2, Clock.fixed(NOW, ZoneOffset.UTC), meters);
    final SnapshotterContext context = new SnapshotterContext(snapshotter, "i-1", "az", Map.of(),
            List.of(VolumeSpec.of("/dev/sdf", "/mnt/solr", 1)), Map.of("role", "search"));

    @BeforeEach
    void oneToKeep() {
        given(snapshotter.name()).willReturn("solr");
        given(snapshotter.settings()).willReturn(new SnapshotterSettings(null, null, false, "d",
                new Retention(1, Duration.ofDays(7), false), null, Duration.ofSeconds(30), false, null, false, null, null, null, false, null, null));
        given(ec2.describeSnapshots(Map.of("tag:role", List.of("search"), "tag:mount_point", List.of("/mnt/solr"))))
                .willReturn(List.of(managed("snap-new", "/mnt/solr", daysAgo(1)), managed("snap-used", "/mnt/solr", daysAgo(20)),
                        managed("snap-old", "/mnt/solr", daysAgo(30))));
        given(ec2.describeVolumes(Map.of("snapshot-id", List.of("snap-new", "snap-used", "snap-old"))))
                .willReturn(List.of(new Volume("vol-1", 1, "gp3", "in-use", "az", "snap-used", NOW, List.of(
                        new Volume.Attachment("i-1", "/dev/sdf", "attached", true)), Map.of())));
    }

    @Test
    void deletesWhatThePolicyChoseAndKeepsASnapshotAnAttachedVolumeCameFrom() {
        CleanupResult result = service.cleanup(context, false);

        then(ec2).should().deleteSnapshot("snap-old");
        then(ec2).should(never()).deleteSnapshot("snap-used");
        then(ec2).should(never()).deleteSnapshot("snap-new");
        assertThat(result.deleted()).extracting(RetentionDecision::snapshotId).containsExactly("snap-old");
        assertThat(result.kept()).extracting(RetentionDecision::snapshotId, RetentionDecision::reason)
                .containsExactly(tuple("snap-new", Reason.NEWEST_COMPLETED), tuple("snap-used", Reason.IN_USE));
        assertThat(meters.counter("snaptastic.retention.snapshots.deleted", "snapshotter", "solr").count()).isEqualTo(1);
    }

    @Test
    void aDryRunDeletesNothingButListsWhatItWould() {
        CleanupResult result = service.cleanup(context, true);

        then(ec2).should(never()).deleteSnapshot(any());
        assertThat(result.dryRun()).isTrue();
        assertThat(result.deleted()).extracting(RetentionDecision::snapshotId).containsExactly("snap-old");
        assertThat(result.details()).containsEntry("dryRun", true);
    }

    @Test
    void aRefusedDeleteIsKeptAsDeleteFailedAndTheResultIsIncomplete() {
        willThrow(new Ec2Exception.Conflict("InvalidSnapshot.InUse", "used by an AMI", null)).given(ec2).deleteSnapshot("snap-old");

        CleanupResult result = service.cleanup(context, false);

        assertThat(result.complete()).isFalse();
        assertThat(result.kept()).extracting(RetentionDecision::snapshotId, RetentionDecision::reason)
                .contains(tuple("snap-old", Reason.DELETE_FAILED));
    }

    @Test
    void aSnapshotAlreadyGoneCountsAsDeleted() {
        willThrow(new Ec2Exception.NotFound("InvalidSnapshot.NotFound", "gone", null)).given(ec2).deleteSnapshot("snap-old");

        CleanupResult result = service.cleanup(context, false);

        assertThat(result.complete()).isTrue();
        assertThat(result.deleted()).extracting(RetentionDecision::snapshotId).containsExactly("snap-old");
    }

    @Test
    void noSnapshotsMeansNoVolumeQuery() {
        given(ec2.describeSnapshots(anyMap())).willReturn(List.of());

        assertThat(service.cleanup(context, false).deleted()).isEmpty();
        then(ec2).should(never()).describeVolumes(anyMap());
    }
}

package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentActionsTests {

    static final String INSTANCE = "i-0sandbox000000001";

    @TempDir
    Path stateDir;

    FakeDisks disks = new FakeDisks();
    SandboxHarness ec2;

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
    }

    private String availableVolume() {
        String id = ec2.createVolume(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        return id;
    }

    @Test
    void attachmentMovesAttachingToAttachedAndExposesTheLoopDevice() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withDelays(Duration.ofMillis(300), Duration.ZERO), disks);
        String id = availableVolume();

        SandboxHarness.Answer attached = ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        assertThat(attached.text("/AttachVolumeResponse/status")).isEqualTo("attaching");
        assertThat(attached.text("/AttachVolumeResponse/device")).isEqualTo("/dev/sdf");
        assertThat(ec2.volumeState(id)).isEqualTo("in-use");
        assertThat(ec2.attachmentState(id)).isEqualTo("attaching");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(id).equals("attached"));
        assertThat(disks.calls).contains("attach " + id + " /dev/sdf nvme1 /dev/loop100");
        SandboxHarness.Answer instance = ec2.call("DescribeInstances", "InstanceId.1", INSTANCE).ok();
        assertThat(instance.texts("//blockDeviceMapping/item/deviceName")).containsExactly("/dev/sdf", "/dev/xvda");
        assertThat(instance.text("//blockDeviceMapping/item[deviceName='/dev/sdf']/ebs/volumeId")).isEqualTo(id);
    }

    @Test
    void detachReleasesTheLoopDeviceAndMakesTheVolumeAvailable() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String id = availableVolume();
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdg").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(id).equals("attached"));

        SandboxHarness.Answer detached = ec2.call("DetachVolume", "VolumeId", id, "InstanceId", INSTANCE).ok();

        assertThat(detached.text("/DetachVolumeResponse/status")).isEqualTo("detaching");
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        assertThat(disks.loops).isEmpty();
        assertThat(disks.calls).contains("detach " + id + " /dev/loop100");
    }

    @Test
    void detachOfAMountedDeviceIsRefusedUnlessForced() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String id = availableVolume();
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(id).equals("attached"));
        disks.busy.add("/dev/loop100");

        SandboxHarness.Answer refused = ec2.call("DetachVolume", "VolumeId", id);

        assertThat(refused.errorCode()).isEqualTo("IncorrectState");
        assertThat(refused.text("//Message")).contains("mounted");
        assertThat(ec2.attachmentState(id)).isEqualTo("attached");
        ec2.call("DetachVolume", "VolumeId", id, "Force", "true").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
    }

    @Test
    void attachmentThatNeverCompletesStaysAttachingUntilForcedOff() {
        SandboxProperties.Faults never = new SandboxProperties.Faults(null, null, 0, true, null);
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(never), disks);
        String id = availableVolume();
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> ec2.attachmentState(id).equals("attaching"));
        assertThat(ec2.call("DetachVolume", "VolumeId", id).errorCode()).isEqualTo("IncorrectState");
        ec2.call("DetachVolume", "VolumeId", id, "Force", "true").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
        assertThat(disks.loops).isEmpty();
    }

    @Test
    void refusesAttachmentsEc2WouldRefuse() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String id = availableVolume();
        String other = availableVolume();
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE, "Device", "/dev/sdf").text("//Message"))
                .contains("already in use");
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE, "Device", "/dev/sdf").errorCode())
                .as("the code CSI and Ec2Errors match with the text").isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE, "Device", "/dev/xvda").errorCode())
                .isEqualTo("InvalidParameterValue");
        // A partition digit is a paravirtual name; HVM offers /dev/sd[a-z] (EC2 user guide, device_naming).
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE, "Device", "/dev/sdg1").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE, "Device", "/etc/passwd").errorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdh").errorCode())
                .isEqualTo("VolumeInUse");
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", "i-0123456789abcdef0", "Device", "/dev/sdh").errorCode())
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ec2.call("AttachVolume", "VolumeId", other, "InstanceId", INSTANCE).errorCode()).isEqualTo("MissingParameter");
        assertThat(ec2.call("DetachVolume", "VolumeId", other).errorCode()).isEqualTo("IncorrectState");
        assertThat(ec2.call("DetachVolume", "VolumeId", id, "Device", "/dev/sdz").errorCode()).isEqualTo("InvalidAttachment.NotFound");
        assertThat(ec2.call("DetachVolume", "VolumeId", ec2.sandbox.store().instance().rootVolumeId()).errorCode())
                .isEqualTo("OperationNotPermitted");
    }

    @Test
    void failedLoopSetupLeavesTheVolumeAvailable() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String id = availableVolume();
        disks.failAttach = true;

        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(id).equals("available"));
    }

    @Test
    void nvmeControllersAreNumberedFromOneAndReused() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String first = availableVolume();
        String second = availableVolume();
        ec2.call("AttachVolume", "VolumeId", first, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(first).equals("attached"));
        ec2.call("AttachVolume", "VolumeId", second, "InstanceId", INSTANCE, "Device", "/dev/sdg").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(second).equals("attached"));

        assertThat(ec2.sandbox.store().existingVolume(first).attachment().nvmeIndex()).isEqualTo(1);
        assertThat(ec2.sandbox.store().existingVolume(second).attachment().nvmeIndex()).isEqualTo(2);
        ec2.call("DetachVolume", "VolumeId", first).ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.volumeState(first).equals("available"));
        ec2.call("AttachVolume", "VolumeId", first, "InstanceId", INSTANCE, "Device", "/dev/sdh").ok();
        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(first).equals("attached"));
        assertThat(ec2.sandbox.store().existingVolume(first).attachment().nvmeIndex()).isEqualTo(1);
    }

    @Test
    void modifyInstanceAttributeSetsDeleteOnTermination() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);
        String id = availableVolume();
        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/sdf").ok();

        ec2.call("ModifyInstanceAttribute", "InstanceId", INSTANCE, "BlockDeviceMapping.1.DeviceName", "/dev/sdf",
                "BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true").ok();

        assertThat(ec2.call("DescribeVolumes", "VolumeId.1", id).ok().text("//attachmentSet/item/deleteOnTermination")).isEqualTo("true");
        assertThat(ec2.call("DescribeInstances").ok().text("//blockDeviceMapping/item[deviceName='/dev/sdf']/ebs/deleteOnTermination"))
                .isEqualTo("true");
        assertThat(ec2.call("ModifyInstanceAttribute", "InstanceId", INSTANCE, "BlockDeviceMapping.1.DeviceName", "/dev/sdq",
                "BlockDeviceMapping.1.Ebs.DeleteOnTermination", "true").errorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void describeInstancesShowsTheSandboxInstance() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), disks);

        SandboxHarness.Answer answer = ec2.call("DescribeInstances", "Filter.1.Name", "instance-state-name", "Filter.1.Value.1", "running").ok();

        assertThat(answer.text("//instancesSet/item/instanceId")).isEqualTo(INSTANCE);
        assertThat(answer.text("//instancesSet/item/placement/availabilityZone")).isEqualTo("eu-west-1a");
        assertThat(answer.text("//instancesSet/item/rootDeviceName")).isEqualTo("/dev/xvda");
        assertThat(answer.text("//instancesSet/item/instanceState/name")).isEqualTo("running");
        assertThat(ec2.call("DescribeInstances", "InstanceId.1", "i-0123456789abcdef0").errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ec2.call("DescribeInstances", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "other").ok()
                .texts("//instancesSet/item")).isEmpty();
    }

    @Test
    void withoutNitroNoNvmeControllerIsExposed() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withNitro(false), disks);
        String id = availableVolume();

        ec2.call("AttachVolume", "VolumeId", id, "InstanceId", INSTANCE, "Device", "/dev/xvdf").ok();

        await().atMost(Duration.ofSeconds(5)).until(() -> ec2.attachmentState(id).equals("attached"));
        assertThat(disks.calls).contains("attach " + id + " /dev/xvdf nvmenull /dev/loop100");
        assertThat(ec2.sandbox.store().existingVolume(id).attachment().nvmeIndex()).isNull();
    }
}

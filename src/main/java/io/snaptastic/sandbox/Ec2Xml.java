package io.snaptastic.sandbox;

import java.util.Map;

/** How volumes, attachments, snapshots and tags appear in EC2's XML (member names from the EC2 model). */
final class Ec2Xml {

    private Ec2Xml() {}

    /** The fields of a Volume shape, inside whatever element holds it. */
    static void volume(XmlWriter xml, SandboxVolume volume) {
        // EC2 sends an empty snapshotId for a volume created empty (the CLI shows "SnapshotId": ""),
        // so clients must treat "" as no snapshot; the sandbox does the same to keep them honest.
        xml.element("volumeId", volume.id())
                .element("size", volume.size())
                .element("snapshotId", volume.snapshotId() == null ? "" : volume.snapshotId())
                .element("availabilityZone", volume.availabilityZone())
                .element("status", volume.state())
                .element("createTime", volume.createTime());
        xml.start("attachmentSet");
        if (volume.attachment() != null) {
            xml.start("item");
            attachment(xml, volume.id(), volume.attachment());
            xml.end();
        }
        xml.end();
        tagSet(xml, volume.tags());
        xml.element("volumeType", volume.type())
                .element("iops", volume.iops())
                .element("encrypted", volume.encrypted())
                .element("kmsKeyId", volume.kmsKeyId())
                .element("multiAttachEnabled", volume.multiAttachEnabled())
                .element("throughput", volume.throughput());
    }

    /** The fields of a VolumeAttachment shape. */
    static void attachment(XmlWriter xml, String volumeId, SandboxAttachment attachment) {
        xml.element("volumeId", volumeId)
                .element("instanceId", attachment.instanceId())
                .element("device", attachment.device())
                .element("status", attachment.state())
                .element("attachTime", attachment.attachTime())
                .element("deleteOnTermination", attachment.deleteOnTermination());
    }

    /** The fields of a Snapshot shape (DescribeSnapshots, CreateSnapshot). */
    static void snapshot(XmlWriter xml, SandboxSnapshot snapshot, String progress) {
        xml.element("snapshotId", snapshot.id())
                .element("volumeId", snapshot.volumeId())
                .element("status", snapshot.state())
                .element("startTime", snapshot.startTime())
                .element("progress", progress)
                .element("ownerId", Ids.ACCOUNT_ID)
                .element("volumeSize", snapshot.volumeSize())
                .element("description", snapshot.description())
                .element("encrypted", snapshot.encrypted())
                .element("kmsKeyId", snapshot.kmsKeyId())
                .element("storageTier", "standard");
        tagSet(xml, snapshot.tags());
    }

    /** The fields of a SnapshotInfo shape (CreateSnapshots), whose state element is {@code state}, not {@code status}. */
    static void snapshotInfo(XmlWriter xml, SandboxSnapshot snapshot, String progress) {
        xml.element("description", snapshot.description());
        tagSet(xml, snapshot.tags());
        xml.element("encrypted", snapshot.encrypted())
                .element("volumeId", snapshot.volumeId())
                .element("state", snapshot.state())
                .element("volumeSize", snapshot.volumeSize())
                .element("startTime", snapshot.startTime())
                .element("progress", progress)
                .element("ownerId", Ids.ACCOUNT_ID)
                .element("snapshotId", snapshot.id());
    }

    /**
     * A resource's tags; none at all leaves the element out, as EC2 does: its untagged volumes have
     * {@code "Attachments": []} but no {@code "Tags"} key (the DescribeVolumes CLI example,
     * https://docs.aws.amazon.com/code-library/latest/ug/ec2_example_ec2_DescribeVolumes_section.html).
     * boto3 turns an empty {@code <tagSet/>} into {@code []}, so client code reading {@code vol["Tags"]}
     * would pass here and fail on EC2; the Java SDK answers an empty list for either.
     */
    static void tagSet(XmlWriter xml, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        xml.start("tagSet");
        tags.forEach((key, value) -> xml.start("item").element("key", key).element("value", value).end());
        xml.end();
    }

    static String ok(String action, String requestId) {
        return XmlWriter.response(action, requestId).element("return", true).finish();
    }
}

package io.snaptastic.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CreateVolume, DeleteVolume and DescribeVolumes; volumes move creating → available and deleting → gone. */
final class VolumeActions {

    private static final Logger log = LoggerFactory.getLogger(VolumeActions.class);
    private static final long GIB = 1L << 30;

    /**
     * How long a volume with a denied KMS key is seen {@code creating} before it disappears: "a few
     * seconds" on EC2 (kubernetes/kubernetes issue #62171), so a waiter sees it before it goes.
     */
    static final Duration KMS_ROLLBACK_DELAY = Duration.ofSeconds(2);

    static final Filters<SandboxVolume> FILTERS = new Filters<>(volumeFields(), SandboxVolume::tags);

    private final SandboxContext context;
    private final SandboxStore store;

    VolumeActions(SandboxContext context) {
        this.context = context;
        this.store = context.store();
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("CreateVolume", this::createVolume);
        actions.put("DeleteVolume", this::deleteVolume);
        actions.put("DescribeVolumes", this::describeVolumes);
    }

    private String createVolume(QueryParams params, String requestId) {
        String token = params.get("ClientToken").filter(value -> !value.isEmpty()).orElse(null);
        SandboxVolume volume;
        synchronized (store) {
            SandboxVolume earlier = token == null ? null : store.volumes().stream()
                    .filter(existing -> token.equals(existing.clientToken())).findFirst().orElse(null);
            if (earlier != null) {
                return render("CreateVolume", requestId, sameRequest(earlier, params));
            }
            volume = newVolume(params, token);
            store.putVolume(volume);
        }
        log.info("sandbox: creating {} ({} GiB{})", volume.id(), volume.size(),
                volume.snapshotId() == null ? "" : " from " + volume.snapshotId());
        Duration creating = kmsKeyDenied(volume) ? max(context.settings().stateDelay(), KMS_ROLLBACK_DELAY)
                : context.settings().stateDelay();
        context.transitions().after(creating, "creating " + volume.id(), () -> finishCreate(volume.id()));
        return render("CreateVolume", requestId, volume);
    }

    /** A retry with the token must ask for the same volume; EC2 refuses a token reused for another. */
    private static SandboxVolume sameRequest(SandboxVolume earlier, QueryParams params) {
        boolean same = params.get("AvailabilityZone").map(earlier.availabilityZone()::equals).orElse(true)
                && params.integer("Size").map(size -> size == earlier.size()).orElse(true)
                && params.get("SnapshotId").filter(id -> !id.isEmpty()).map(id -> id.equals(earlier.snapshotId())).orElse(earlier.snapshotId() == null)
                && params.get("VolumeType").orElse("gp2").equals(earlier.type());
        if (!same) {
            throw Ec2Error.client("IdempotentParameterMismatch",
                    "The client token was already used for a different request (" + earlier.id() + ").");
        }
        return earlier;
    }

    private SandboxVolume newVolume(QueryParams params, String token) {
        String zone = params.required("AvailabilityZone");
        if (!zone.startsWith(context.settings().region()) || !Pattern.matches("[a-z]", zone.substring(context.settings().region().length()))) {
            throw Ec2Error.invalidValue("Invalid availability zone: [" + zone + "]");
        }
        String snapshotId = params.get("SnapshotId").filter(value -> !value.isEmpty()).orElse(null);
        Integer size = params.integer("Size").orElse(null);
        if (snapshotId == null && size == null) {
            throw Ec2Error.missing("size or snapshotId");
        }
        SandboxSnapshot snapshot = snapshotId == null ? null : store.existingSnapshot(snapshotId);
        if (snapshot != null && !snapshot.state().equals(SandboxSnapshot.COMPLETED)) {
            throw Ec2Error.incorrectState("Snapshot '" + snapshotId + "' is not 'completed'.");
        }
        int gib = size != null ? size : snapshot.volumeSize();
        if (snapshot != null && gib < snapshot.volumeSize()) {
            throw Ec2Error.invalidValue("Volume of " + gib + "GiB is too small; minimum is " + snapshot.volumeSize() + "GiB.");
        }
        String type = params.get("VolumeType").orElse("gp2");
        Integer iops = VolumeTypes.iops(type, gib, params.integer("Iops").orElse(null));
        Integer throughput = VolumeTypes.throughput(type, iops, params.integer("Throughput").orElse(null));
        boolean encrypted = params.bool("Encrypted", false) || (snapshot != null && snapshot.encrypted());
        String kmsKeyId = params.get("KmsKeyId").orElse(null);
        if (kmsKeyId != null && !encrypted) {
            throw Ec2Error.client("InvalidParameterDependency", "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        if (encrypted && kmsKeyId == null) {
            kmsKeyId = snapshot != null && snapshot.kmsKeyId() != null ? snapshot.kmsKeyId() : defaultKey();
        }
        boolean multiAttach = multiAttach(params, type);
        Map<String, String> tags = params.tagSpecifications("volume");
        return new SandboxVolume(Ids.volume(), gib, type, iops, throughput, encrypted, kmsKeyId, snapshotId, zone,
                SandboxVolume.CREATING, context.clock().instant(), tags, null, token, false, multiAttach);
    }

    /**
     * "This parameter is supported with io1 and io2 volumes only" (API reference, CreateVolume:
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVolume.html). The reference gives
     * no error for other types; the code is EC2's for a parameter that needs another, as moto answers it.
     */
    private static boolean multiAttach(QueryParams params, String type) {
        boolean enabled = params.bool("MultiAttachEnabled", false);
        if (enabled && !type.equals("io1") && !type.equals("io2")) {
            throw Ec2Error.client("InvalidParameterDependency",
                    "The parameter MultiAttachEnabled requires the parameter VolumeType to be io1 or io2.");
        }
        return enabled;
    }

    private String defaultKey() {
        return "arn:aws:kms:" + context.settings().region() + ":" + Ids.ACCOUNT_ID + ":key/sandbox-aws-ebs-default";
    }

    /** Writes the volume's image, then makes it available; a failed copy leaves the volume in {@code error}. */
    void finishCreate(String volumeId) {
        SandboxVolume volume = store.volume(volumeId).orElse(null);
        if (volume == null || !volume.state().equals(SandboxVolume.CREATING)) {
            return;
        }
        if (kmsKeyDenied(volume)) {
            // EC2 rolls the volume back without an error anywhere: Describe says NotFound from now on.
            log.info("sandbox: {} disappears: its KMS key {} is in kms-denied-key-ids", volumeId, volume.kmsKeyId());
            store.removeVolume(volumeId);
            return;
        }
        try {
            if (volume.snapshotId() != null) {
                context.disks().restoreImage(volume.snapshotId(), volumeId, volume.size() * GIB);
            } else {
                context.disks().createImage(volumeId, volume.size() * GIB);
            }
        } catch (RuntimeException e) {
            log.error("sandbox: cannot write the image of {}", volumeId, e);
            store.updateVolume(volumeId, current -> current.withState(SandboxVolume.ERROR));
            return;
        }
        store.updateVolume(volumeId, current ->
                current.state().equals(SandboxVolume.CREATING) ? current.withState(SandboxVolume.AVAILABLE) : current);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private boolean kmsKeyDenied(SandboxVolume volume) {
        List<String> denied = context.settings().faults().kmsDeniedKeyIds();
        return volume.encrypted() && (denied.contains(volume.kmsKeyId())
                || (volume.kmsKeyId().equals(defaultKey()) && denied.contains(SandboxProperties.Faults.DEFAULT_KEY)));
    }

    private String deleteVolume(QueryParams params, String requestId) {
        String volumeId = params.required("VolumeId");
        synchronized (store) {
            SandboxVolume volume = store.existingVolume(volumeId);
            if (volume.attachment() != null) {
                throw Ec2Error.client("VolumeInUse", "Volume " + volumeId + " is currently attached to " + volume.attachment().instanceId());
            }
            if (volume.state().equals(SandboxVolume.DELETING)) {
                return Ec2Xml.ok("DeleteVolume", requestId);
            }
            store.putVolume(volume.withState(SandboxVolume.DELETING));
        }
        log.info("sandbox: deleting {}", volumeId);
        context.transitions().after(context.settings().stateDelay(), "deleting " + volumeId, () -> finishDelete(volumeId));
        return Ec2Xml.ok("DeleteVolume", requestId);
    }

    void finishDelete(String volumeId) {
        context.disks().deleteVolumeImage(volumeId);
        store.removeVolume(volumeId);
    }

    private String describeVolumes(QueryParams params, String requestId) {
        List<String> ids = params.list("VolumeId");
        List<SandboxVolume> volumes;
        if (ids.isEmpty()) {
            volumes = store.volumes();
        } else {
            volumes = new ArrayList<>();
            for (String id : ids) {
                volumes.add(store.existingVolume(id));
            }
        }
        Page<SandboxVolume> page = Page.of(FILTERS.apply(volumes, params.filters()), params, 5, 1000, !ids.isEmpty());
        XmlWriter xml = XmlWriter.response("DescribeVolumes", requestId).start("volumeSet");
        for (SandboxVolume volume : page.items()) {
            xml.start("item");
            Ec2Xml.volume(xml, volume);
            xml.end();
        }
        return xml.end().element("nextToken", page.nextToken()).finish();
    }

    private static String render(String action, String requestId, SandboxVolume volume) {
        XmlWriter xml = XmlWriter.response(action, requestId);
        Ec2Xml.volume(xml, volume);
        return xml.finish();
    }

    private static Map<String, Function<SandboxVolume, Collection<String>>> volumeFields() {
        Map<String, Function<SandboxVolume, Collection<String>>> fields = new LinkedHashMap<>();
        fields.put("volume-id", volume -> List.of(volume.id()));
        fields.put("status", volume -> List.of(volume.state()));
        fields.put("size", volume -> List.of(String.valueOf(volume.size())));
        fields.put("snapshot-id", volume -> Filters.optional(volume.snapshotId()));
        fields.put("availability-zone", volume -> List.of(volume.availabilityZone()));
        fields.put("volume-type", volume -> List.of(volume.type()));
        fields.put("encrypted", volume -> List.of(String.valueOf(volume.encrypted())));
        fields.put("create-time", volume -> List.of(XmlWriter.timestamp(volume.createTime())));
        fields.put("multi-attach-enabled", volume -> List.of(String.valueOf(volume.multiAttachEnabled())));
        fields.put("attachment.instance-id", volume -> attachment(volume, SandboxAttachment::instanceId));
        fields.put("attachment.device", volume -> attachment(volume, SandboxAttachment::device));
        fields.put("attachment.status", volume -> attachment(volume, SandboxAttachment::state));
        fields.put("attachment.delete-on-termination", volume -> attachment(volume, a -> String.valueOf(a.deleteOnTermination())));
        fields.put("attachment.attach-time", volume -> attachment(volume, a -> XmlWriter.timestamp(a.attachTime())));
        return fields;
    }

    private static Collection<String> attachment(SandboxVolume volume, Function<SandboxAttachment, String> field) {
        return volume.attachment() == null ? List.of() : List.of(field.apply(volume.attachment()));
    }
}

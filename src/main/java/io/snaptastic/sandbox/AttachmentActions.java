package io.snaptastic.sandbox;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AttachVolume and DetachVolume. An attachment moves attaching → attached (the data plane exposes
 * the loop device then) and detaching → gone (the loop device is released then). A detach of a
 * volume whose loop device is mounted is refused, as a busy device would be, unless forced.
 */
final class AttachmentActions {

    private static final Logger log = LoggerFactory.getLogger(AttachmentActions.class);

    /** Device names EC2 accepts for EBS on Linux, such as /dev/sdf and /dev/xvdba. */
    static final Pattern DEVICE = Pattern.compile("^/dev/(sd[a-z]|xvd[a-z]{1,2})$");

    private final SandboxContext context;
    private final SandboxStore store;

    AttachmentActions(SandboxContext context) {
        this.context = context;
        this.store = context.store();
    }

    void register(Map<String, QueryAction> actions) {
        actions.put("AttachVolume", this::attachVolume);
        actions.put("DetachVolume", this::detachVolume);
    }

    private String attachVolume(QueryParams params, String requestId) {
        String volumeId = params.required("VolumeId");
        String instanceId = params.required("InstanceId");
        String device = params.required("Device");
        SandboxAttachment attachment;
        synchronized (store) {
            SandboxInstance instance = store.instance();
            if (!instance.id().equals(instanceId)) {
                throw Ec2Error.instanceNotFound(instanceId);
            }
            SandboxVolume volume = store.existingVolume(volumeId);
            if (!DEVICE.matcher(device).matches()) {
                throw Ec2Error.invalidValue("Value (" + device + ") for parameter device is invalid. " + device + " is not a valid EBS device name.");
            }
            if (volume.attachment() != null) {
                throw Ec2Error.client("VolumeInUse", volumeId + " is already attached to an instance");
            }
            if (!volume.state().equals(SandboxVolume.AVAILABLE)) {
                throw Ec2Error.incorrectState("Volume '" + volumeId + "' is in the '" + volume.state() + "' state.");
            }
            if (!volume.availabilityZone().equals(instance.availabilityZone())) {
                throw Ec2Error.client("InvalidVolume.ZoneMismatch", "The volume '" + volumeId
                        + "' is not in the same availability zone as instance '" + instanceId + "'");
            }
            if (devicesInUse(instance).contains(device)) {
                throw Ec2Error.invalidValue("Invalid value '" + device + "' for unixDevice. Attachment point " + device + " is already in use");
            }
            attachment = new SandboxAttachment(instanceId, device, SandboxAttachment.ATTACHING, context.clock().instant(),
                    false, null, null);
            store.putVolume(volume.withAttachment(attachment));
        }
        log.info("sandbox: attaching {} at {}", volumeId, device);
        if (context.faults().attachmentsComplete()) {
            context.transitions().after(context.settings().stateDelay(), "attaching " + volumeId, () -> finishAttach(volumeId));
        }
        return render("AttachVolume", requestId, volumeId, attachment);
    }

    private Set<String> devicesInUse(SandboxInstance instance) {
        Set<String> devices = store.volumes().stream()
                .filter(volume -> volume.attachment() != null && volume.attachment().instanceId().equals(instance.id()))
                .map(volume -> volume.attachment().device())
                .collect(Collectors.toSet());
        devices.add(instance.rootDeviceName());
        return devices;
    }

    /** Exposes the volume's loop device and marks it attached; a data-plane failure undoes the attachment. */
    void finishAttach(String volumeId) {
        // Held for the losetup call too (milliseconds), so a forced detach cannot slip in between.
        synchronized (store) {
            SandboxVolume volume = store.volume(volumeId).orElse(null);
            if (volume == null || volume.attachment() == null || !volume.attachment().state().equals(SandboxAttachment.ATTACHING)) {
                return;
            }
            expose(volume, nextNvmeIndex());
        }
    }

    /** Sets up the loop device and the device links, and records them; also used to re-attach after a reboot. */
    void expose(SandboxVolume volume, Integer nvmeIndex) {
        String loop;
        try {
            loop = context.disks().attach(volume.id(), volume.attachment().device(), nvmeIndex);
        } catch (RuntimeException e) {
            log.error("sandbox: cannot expose {} at {}", volume.id(), volume.attachment().device(), e);
            store.updateVolume(volume.id(), current -> current.withAttachment(null));
            return;
        }
        store.updateVolume(volume.id(), current -> current.withAttachment(current.attachment().attachedAt(loop, nvmeIndex)));
    }

    /** The lowest free NVMe controller number; 0 stands for the root volume, as on Nitro. */
    Integer nextNvmeIndex() {
        if (!context.settings().nitro()) {
            return null;
        }
        synchronized (store) {
            Set<Integer> used = store.volumes().stream()
                    .map(SandboxVolume::attachment)
                    .filter(Objects::nonNull)
                    .map(SandboxAttachment::nvmeIndex)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            int index = 1;
            while (used.contains(index)) {
                index++;
            }
            return index;
        }
    }

    private String detachVolume(QueryParams params, String requestId) {
        String volumeId = params.required("VolumeId");
        String instanceId = params.get("InstanceId").orElse(null);
        String device = params.get("Device").orElse(null);
        boolean force = params.bool("Force", false);
        SandboxAttachment detaching;
        synchronized (store) {
            SandboxVolume volume = store.existingVolume(volumeId);
            SandboxAttachment attachment = volume.attachment();
            if (attachment == null) {
                throw Ec2Error.incorrectState("Volume '" + volumeId + "' is in the '" + volume.state() + "' state.");
            }
            if ((instanceId != null && !instanceId.equals(attachment.instanceId()))
                    || (device != null && !device.equals(attachment.device()))) {
                throw Ec2Error.client("InvalidAttachment.NotFound", "The volume '" + volumeId
                        + "' is not attached to instance '" + (instanceId == null ? attachment.instanceId() : instanceId)
                        + "'" + (device == null ? "" : " at '" + device + "'"));
            }
            if (volume.root()) {
                throw Ec2Error.client("OperationNotPermitted", "The volume " + volumeId + " is the root device of "
                        + attachment.instanceId() + " and cannot be detached while it runs.");
            }
            if (attachment.state().equals(SandboxAttachment.DETACHING)) {
                return render("DetachVolume", requestId, volumeId, attachment);
            }
            if (attachment.state().equals(SandboxAttachment.ATTACHING) && !force) {
                throw Ec2Error.incorrectState("Volume '" + volumeId + "' is still attaching; detach it with Force.");
            }
            if (!force && attachment.loopDevice() != null && context.disks().busy(attachment.loopDevice())) {
                throw Ec2Error.incorrectState("Volume '" + volumeId + "' is busy: its device " + attachment.device() + " ("
                        + attachment.loopDevice() + ") is mounted on the instance. Unmount it first, or detach with Force.");
            }
            detaching = attachment.withState(SandboxAttachment.DETACHING);
            store.putVolume(volume.withAttachment(detaching));
        }
        log.info("sandbox: detaching {} from {}{}", volumeId, detaching.device(), force ? " (forced)" : "");
        context.transitions().after(context.settings().stateDelay(), "detaching " + volumeId, () -> finishDetach(volumeId));
        return render("DetachVolume", requestId, volumeId, detaching);
    }

    /** Releases the loop device and removes the attachment; a failed release leaves it {@code busy}. */
    void finishDetach(String volumeId) {
        synchronized (store) {
            SandboxVolume volume = store.volume(volumeId).orElse(null);
            if (volume == null || volume.attachment() == null) {
                return;
            }
            SandboxAttachment attachment = volume.attachment();
            if (attachment.loopDevice() != null) {
                try {
                    context.disks().detach(volumeId, attachment.device(), attachment.loopDevice(), attachment.nvmeIndex());
                } catch (RuntimeException e) {
                    log.error("sandbox: cannot release {} of {}", attachment.loopDevice(), volumeId, e);
                    store.putVolume(volume.withAttachment(attachment.withState(SandboxAttachment.BUSY)));
                    return;
                }
            }
            store.putVolume(volume.withAttachment(null));
        }
    }

    private static String render(String action, String requestId, String volumeId, SandboxAttachment attachment) {
        XmlWriter xml = XmlWriter.response(action, requestId);
        Ec2Xml.attachment(xml, volumeId, attachment);
        return xml.finish();
    }
}

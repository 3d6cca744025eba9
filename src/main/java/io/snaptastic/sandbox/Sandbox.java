package io.snaptastic.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sandbox: store, data plane, state transitions and the loopback server.
 *
 * <p>Loop devices outlive the agent on purpose: on shutdown attached volumes stay attached, as EBS
 * volumes stay attached while the agent restarts, so a mounted filesystem is never pulled from under
 * its users. On start every attached volume whose loop device is gone (after a reboot) or now backs
 * another file is attached again, and every transition that was under way is finished.
 */
final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final long ROOT_GIB = 8;

    private final SandboxContext context;
    private final VolumeActions volumes;
    private final AttachmentActions attachments;
    private final SnapshotActions snapshots;
    private final SandboxServer server;

    private Sandbox(SandboxContext context, FaultInjector faults, Clock clock) {
        this.context = context;
        this.volumes = new VolumeActions(context);
        this.attachments = new AttachmentActions(context);
        this.snapshots = new SnapshotActions(context);
        Map<String, QueryAction> actions = new HashMap<>();
        volumes.register(actions);
        attachments.register(actions);
        snapshots.register(actions);
        new MultiSnapshotActions(context, snapshots).register(actions);
        new InstanceActions(context).register(actions);
        new TagActions(context).register(actions);
        SandboxInstance instance = context.store().instance();
        this.server = SandboxServer.start(context.settings().port(), new Ec2QueryHandler(actions, faults),
                new ImdsHandler(imdsView(context.settings(), instance), instance.launchTime(), clock));
    }

    /** Opens (or creates) the state under {@code stateDir/sandbox}, finishes what was under way and starts listening. */
    static Sandbox start(SandboxProperties settings, Path stateDir, Disks disks, FaultInjector faults, Clock clock) {
        Path file = stateDir.resolve("sandbox/state.json");
        boolean fresh = !Files.exists(file);
        SandboxStore store = SandboxStore.open(file, () -> freshState(settings, clock));
        if (fresh) {
            disks.createImage(store.instance().rootVolumeId(), ROOT_GIB << 30);
        }
        Transitions transitions = new Transitions();
        SandboxContext context = new SandboxContext(store, disks, transitions, faults, settings, clock);
        Sandbox sandbox;
        try {
            sandbox = new Sandbox(context, faults, clock);
        } catch (RuntimeException e) {
            transitions.close();
            throw e;
        }
        sandbox.resume();
        log.info("sandbox: EC2 and IMDS on http://127.0.0.1:{} for {} in {}", sandbox.port(), store.instance().id(),
                store.instance().availabilityZone());
        return sandbox;
    }

    int port() {
        return server.port();
    }

    SandboxStore store() {
        return context.store();
    }

    /** The instance as stored wins over the settings: IMDS must name the instance EC2 knows. */
    private static SandboxProperties imdsView(SandboxProperties settings, SandboxInstance instance) {
        return new SandboxProperties(true, settings.port(), settings.userdata(), instance.id(), instance.availabilityZone(),
                instance.region(), settings.nitro(), settings.stateDelay(), settings.snapshotDelay(), settings.faults(),
                settings.snapshotIntervalPerVolume());
    }

    private static SandboxStore.SandboxState freshState(SandboxProperties settings, Clock clock) {
        String rootId = Ids.volume();
        SandboxInstance instance = new SandboxInstance(settings.instanceId(), settings.availabilityZone(), settings.region(),
                "/dev/xvda", rootId, clock.instant(), Map.of("Name", "snaptastic-sandbox"));
        SandboxAttachment attachment = new SandboxAttachment(instance.id(), "/dev/xvda", SandboxAttachment.ATTACHED,
                clock.instant(), true, null, null);
        SandboxVolume root = new SandboxVolume(rootId, (int) ROOT_GIB, "gp3", 3000, 125, false, null, null,
                settings.availabilityZone(), SandboxVolume.IN_USE, clock.instant(), new LinkedHashMap<>(), attachment, null, true, false);
        return new SandboxStore.SandboxState(instance, List.of(root), List.of());
    }

    /** Finishes every transition that was under way and re-attaches volumes whose loop device is gone. */
    private void resume() {
        Duration delay = context.settings().stateDelay();
        Transitions transitions = context.transitions();
        for (SandboxVolume volume : context.store().volumes()) {
            switch (volume.state()) {
                case SandboxVolume.CREATING -> transitions.after(delay, "creating " + volume.id(), () -> volumes.finishCreate(volume.id()));
                case SandboxVolume.DELETING -> transitions.after(delay, "deleting " + volume.id(), () -> volumes.finishDelete(volume.id()));
                default -> resumeAttachment(volume, delay);
            }
        }
        for (SandboxSnapshot snapshot : context.store().snapshots()) {
            if (snapshot.state().equals(SandboxSnapshot.PENDING)) {
                transitions.after(context.settings().snapshotDelay(), "completing " + snapshot.id(), () -> snapshots.finish(snapshot.id()));
            }
        }
    }

    private void resumeAttachment(SandboxVolume volume, Duration delay) {
        SandboxAttachment attachment = volume.attachment();
        if (attachment == null || volume.root()) {
            return;
        }
        switch (attachment.state()) {
            case SandboxAttachment.ATTACHING -> {
                if (context.faults().attachmentsComplete()) {
                    context.transitions().after(delay, "attaching " + volume.id(), () -> attachments.finishAttach(volume.id()));
                }
            }
            case SandboxAttachment.DETACHING, SandboxAttachment.BUSY ->
                    context.transitions().after(delay, "detaching " + volume.id(), () -> attachments.finishDetach(volume.id()));
            default -> reattachIfGone(volume);
        }
    }

    private void reattachIfGone(SandboxVolume volume) {
        SandboxAttachment attachment = volume.attachment();
        synchronized (context.store()) {
            if (attachment.loopDevice() != null && context.disks().attached(volume.id(), attachment.loopDevice())) {
                return;
            }
            log.info("sandbox: re-attaching {} at {}", volume.id(), attachment.device());
            Integer nvme = context.settings().nitro()
                    ? (attachment.nvmeIndex() != null ? attachment.nvmeIndex() : attachments.nextNvmeIndex())
                    : null;
            attachments.expose(volume, nvme);
        }
    }

    /** Stops listening and scheduling; loop devices stay attached (see the class comment). */
    @Override
    public void close() {
        server.close();
        context.transitions().close();
    }
}

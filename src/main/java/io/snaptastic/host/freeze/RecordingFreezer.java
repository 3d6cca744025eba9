package io.snaptastic.host.freeze;

import io.snaptastic.host.HostException.FreezeRefusedException;
import io.snaptastic.host.HostException.HostCommandTimeoutException;
import io.snaptastic.host.HostException.InvalidOperandException;
import io.snaptastic.host.HostExecutor;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.Operands;
import io.snaptastic.support.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Freezer} of a host, which makes sure every freeze ends: one claim per filesystem, each
 * freeze written to the state dir before it starts, a watchdog that thaws after the maximum duration,
 * and {@link #thawRecorded()} for what a killed agent left frozen.
 */
public class RecordingFreezer implements Freezer {

    private static final Logger log = LoggerFactory.getLogger(RecordingFreezer.class);
    private static final Duration THAW_TIMEOUT = Duration.ofSeconds(30);

    private final MountTable mountTable;
    private final Path stateDir;
    private final FreezeRecords records;
    private final ParallelFsfreeze fsfreeze;
    private final ScheduledExecutorService watchdogs = watchdogExecutor();
    private final Set<String> active = new HashSet<>();

    public RecordingFreezer(HostExecutor executor, MountTable mountTable, Path stateDir) {
        this.mountTable = mountTable;
        this.stateDir = stateDir;
        this.records = new FreezeRecords(stateDir);
        this.fsfreeze = new ParallelFsfreeze(executor);
    }

    @Override
    public FrozenFilesystems freeze(Collection<String> mountPoints, Duration maxDuration) {
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
        List<String> targets = FreezeTargets.of(mountTable, stateDir, mountPoints);
        claim(targets);
        FrozenFilesystems frozen;
        try {
            frozen = new FrozenFilesystems(targets, records.write(targets), this);
        } catch (RuntimeException e) {
            release(targets);
            throw e;
        }
        // Counted from the first freeze, so no filesystem stays frozen longer than maxDuration.
        frozen.watchdog(watchdogs.schedule(frozen::thawByWatchdog, maxDuration.toNanos(), TimeUnit.NANOSECONDS));
        freezeAll(targets, maxDuration, frozen);
        frozen.allFrozen();
        log.info("froze {}", targets);
        return frozen;
    }

    @Override
    public void thawRecorded() {
        records.list().forEach(this::thawRecord);
    }

    @Override
    public List<String> recordedMountPoints() {
        return records.list().stream().flatMap(record -> records.read(record).stream()).distinct().toList();
    }

    /** Thaws whatever is recorded and stops the watchdogs; for shutdown. */
    @Override
    public void close() {
        try {
            thawRecorded();
        } finally {
            watchdogs.shutdownNow();
            fsfreeze.close();
        }
    }

    /** Thaws in parallel; deletes the record only when every one is thawed (or was not frozen). */
    void thaw(List<String> mountPoints, Path record, boolean byWatchdog) {
        // An interrupted caller still thaws: the flag is set again once the thaws are done.
        boolean interrupted = Thread.interrupted();
        try {
            List<RuntimeException> failures = fsfreeze.thaw(mountPoints, THAW_TIMEOUT);
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.stream().skip(1).forEach(first::addSuppressed);
                log.error("could not thaw all of {}; the record {} stays for the next attempt", mountPoints, record, first);
                throw first;
            }
            records.delete(record);
            if (byWatchdog) {
                log.warn("the watchdog thawed {}: they were frozen longer than allowed", mountPoints);
            } else {
                log.info("thawed {}", mountPoints);
            }
        } finally {
            release(mountPoints);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void freezeAll(List<String> targets, Duration maxDuration, FrozenFilesystems frozen) {
        List<RuntimeException> failures = fsfreeze.freeze(targets, maxDuration);
        if (failures.isEmpty() && !frozen.thawed()) {
            return;
        }
        // Thaw every target, also those whose freeze failed or timed out: a killed fsfreeze may
        // still have frozen its filesystem inside the kernel.
        try {
            frozen.close();
        } catch (RuntimeException e) {
            failures.forEach(e::addSuppressed);
            throw e;
        }
        if (failures.isEmpty()) {
            throw new HostCommandTimeoutException(ParallelFsfreeze.freezeCommand(targets.get(0), maxDuration), "", "");
        }
        RuntimeException first = failures.get(0);
        failures.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }

    private void thawRecord(Path record) {
        List<String> mountPoints = new ArrayList<>();
        for (String mountPoint : records.read(record)) {
            try {
                // A freeze never outlives its mount: what is no longer mounted is not frozen.
                if (mountTable.at(Operands.mountPoint(mountPoint)).isPresent()) {
                    mountPoints.add(mountPoint);
                }
            } catch (InvalidOperandException e) {
                log.warn("ignoring {} in freeze record {}: {}", mountPoint, record, e.getMessage());
            }
        }
        if (!mountPoints.isEmpty()) {
            log.warn("thawing {}, recorded as frozen in {} by an agent that did not thaw them", mountPoints, record);
        }
        try {
            thaw(mountPoints, record, false);
        } catch (RuntimeException e) {
            log.error("could not thaw {} recorded in {}", mountPoints, record, e);
        }
    }

    private synchronized void claim(List<String> targets) {
        for (String target : targets) {
            if (active.contains(target)) {
                throw new FreezeRefusedException(target + " is already frozen by another operation of this agent");
            }
        }
        active.addAll(targets);
    }

    private synchronized void release(List<String> targets) {
        active.removeAll(targets);
    }

    private static ScheduledExecutorService watchdogExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Threads.numberedDaemons("freeze-watchdog"));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}

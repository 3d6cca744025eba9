package io.snaptastic.cli;

import ch.qos.logback.classic.Level;
import io.snaptastic.host.freeze.Freezer;
import io.snaptastic.host.freeze.RecordingFreezer;
import io.snaptastic.host.MountTable;
import io.snaptastic.host.ProcessHostExecutor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code snaptastic thaw}: thaws every freeze the agent recorded in its state dir, without the agent,
 * through the agent's own {@link Freezer} (only what is still mounted, {@code fsfreeze -u} with a
 * timeout, a filesystem that is not frozen counts as thawed, each record removed once thawed). systemd
 * runs it after the agent stopped (ExecStopPost), so a freeze the agent could not end never waits for
 * the next start.
 */
final class ThawCommand implements CliCommand {

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!(root instanceof ch.qos.logback.classic.Logger logback)) {
            return thaw(args, console);
        }
        // Outside Spring, logback's default configuration prints every DEBUG line of the host classes on
        // standard output; this command prints its own report, and theirs only when asked.
        Level before = logback.getLevel();
        logback.setLevel(console.debugEnabled() ? Level.DEBUG : Level.ERROR);
        try {
            return thaw(args, console);
        } finally {
            logback.setLevel(before);
        }
    }

    private static int thaw(CliArguments args, Console console) {
        Freezer freezer = new RecordingFreezer(new ProcessHostExecutor(), new MountTable(), args.stateDir());
        List<String> recorded;
        List<String> left;
        try {
            try {
                recorded = freezer.recordedMountPoints();
            } finally {
                // What the agent does at shutdown: thaw every record, then stop the freezer's threads.
                freezer.close();
            }
            left = freezer.recordedMountPoints();
        } catch (RuntimeException e) {
            console.error("snaptastic: cannot read the freeze records in " + args.stateDir() + ": " + e.getMessage());
            return ExitCode.FAILED;
        }
        if (recorded.isEmpty()) {
            console.info("nothing is recorded as frozen in " + args.stateDir());
        }
        recorded.stream().filter(mountPoint -> !left.contains(mountPoint))
                .forEach(mountPoint -> console.info("thawed " + mountPoint));
        left.forEach(mountPoint -> console.error("snaptastic: could not thaw " + mountPoint + "; it stays recorded"));
        return left.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
}

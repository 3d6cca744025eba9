package io.snaptastic.cli;

import java.time.Duration;

/**
 * Runs a command after a random wait in [0, {@code --jitter}), so a fleet whose crontabs all fire at
 * once reaches EC2 spread out; without {@code --jitter} it runs at once.
 */
final class JitteredCommand implements CliCommand {

    private final CliCommand command;
    private final JitterWait wait;

    JitteredCommand(CliCommand command, JitterWait wait) {
        this.command = command;
        this.wait = wait;
    }

    @Override
    public int run(CliArguments args, AgentClient agent, Console console) {
        if (args.jitter() != null) {
            Duration delay = wait.draw(args.jitter());
            console.info(args.command() + " " + args.snapshotter() + ": waiting " + seconds(delay) + " (--jitter "
                    + Durations.exact(args.jitter()) + ") before calling the agent");
            try {
                wait.pause().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                console.error(args.command() + " " + args.snapshotter() + ": interrupted while waiting; nothing was started");
                return ExitCode.FAILED;
            }
        }
        return command.run(args, agent, console);
    }

    private static String seconds(Duration delay) {
        return String.format(java.util.Locale.ROOT, "%.1fs", delay.toMillis() / 1000.0);
    }
}

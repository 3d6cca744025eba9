package io.snaptastic.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A fake host: expects commands by argv in exact order and answers each with a scripted result. */
final class ScriptedHostExecutor implements HostExecutor {

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Command> executed = new ArrayList<>();

    ScriptedHostExecutor expect(List<String> argv, CommandResult result) {
        script.add(new Step(List.copyOf(argv), result));
        return this;
    }

    ScriptedHostExecutor expect(List<String> argv, int exitCode, String stdout, String stderr) {
        return expect(argv, new CommandResult(exitCode, stdout, stderr));
    }

    ScriptedHostExecutor expectSuccess(String... argv) {
        return expect(List.of(argv), new CommandResult(0, "", ""));
    }

    @Override
    public synchronized CommandResult execute(Command command) {
        executed.add(command);
        Step next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected command " + command.argv() + "; the script has ended");
        }
        assertThat(command.argv()).as("command #" + executed.size()).isEqualTo(next.argv());
        return next.result();
    }

    /** Every scripted command ran. */
    void verifyDone() {
        assertThat(script).as("commands expected but never run").isEmpty();
    }

    List<Command> executed() {
        return executed;
    }

    private record Step(List<String> argv, CommandResult result) {}
}

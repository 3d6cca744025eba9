package io.snaptastic.e2e;

import io.snaptastic.host.Command;
import io.snaptastic.host.HostException.HostCommandException;
import io.snaptastic.host.ProcessHostExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides {@link RequiresLoopDevices} once per run, by asking the machine rather than guessing. */
class LoopDeviceCondition implements ExecutionCondition {

    private static ConditionEvaluationResult result;

    @Override
    public synchronized ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (result == null) {
            String reason = unavailable();
            result = reason == null
                    ? ConditionEvaluationResult.enabled("loop devices work here")
                    : ConditionEvaluationResult.disabled("skipped: this machine cannot make loop devices: " + reason);
        }
        return result;
    }

    private static String unavailable() {
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.startsWith("Uid:") && line.split("\\s+")[2].equals("0"));
            if (!root) {
                return "not running as root";
            }
        } catch (IOException e) {
            return "no /proc/self/status (not Linux)";
        }
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            return "no /dev/loop-control (the loop driver is not loaded)";
        }
        try {
            new ProcessHostExecutor().run(Command.of("losetup", "--find").withTimeout(Duration.ofSeconds(10)));
            return null;
        } catch (HostCommandException e) {
            return "losetup --find failed: " + e.getMessage();
        }
    }
}

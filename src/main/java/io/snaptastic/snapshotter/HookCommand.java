package io.snaptastic.snapshotter;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A hook configured in YAML: a program and its arguments (never a shell line) and how long it may run.
 *
 * @param argv the program and its arguments
 * @param timeout how long it may run before it is killed and the hook fails
 */
public record HookCommand(List<String> argv, @DefaultValue("60s") Duration timeout) {

    public HookCommand {
        argv = argv == null ? List.of() : List.copyOf(argv);
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }
}

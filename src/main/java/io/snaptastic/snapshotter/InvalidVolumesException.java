package io.snaptastic.snapshotter;

import java.util.List;

/** Volumes read from userdata or a request that EC2 or a safe host would not accept; one line per problem. */
public class InvalidVolumesException extends RuntimeException {

    private final List<String> problems;

    public InvalidVolumesException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

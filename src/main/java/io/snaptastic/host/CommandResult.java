package io.snaptastic.host;

/** What a finished command left behind: its exit code and both output streams. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}

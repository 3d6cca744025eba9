package io.snaptastic.host;

/** A freeze the agent will not do: the root filesystem, the filesystem of its own state dir, or a path that is not a mount point. */
public class FreezeRefusedException extends RuntimeException {

    public FreezeRefusedException(String message) {
        super(message);
    }
}

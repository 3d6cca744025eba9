package io.snaptastic.host;

/** A filesystem that could not be unmounted because something still uses it. */
public class MountBusyException extends RuntimeException {

    public MountBusyException(String message) {
        super(message);
    }
}

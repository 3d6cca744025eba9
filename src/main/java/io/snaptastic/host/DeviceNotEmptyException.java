package io.snaptastic.host;

/** A device that holds data (a filesystem, a partition table) or was restored from a snapshot, and so is never formatted. */
public class DeviceNotEmptyException extends RuntimeException {

    public DeviceNotEmptyException(String message) {
        super(message);
    }
}

package io.snaptastic.instance;

/** The instance metadata service could not be reached or did not answer what the agent asked. */
public class InstanceMetadataException extends RuntimeException {

    public InstanceMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}

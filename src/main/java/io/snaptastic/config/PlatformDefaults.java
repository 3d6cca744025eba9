package io.snaptastic.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where EC2 and the instance metadata service are when the configuration does not say. In
 * production nothing provides it and the SDK's defaults apply; the sandbox provides its own loopback
 * endpoint and device directory, which explicit settings still override.
 */
public interface PlatformDefaults {

    Optional<URI> ec2Endpoint();

    Optional<URI> imdsEndpoint();

    /** Where the instance's device nodes appear, when {@code snaptastic.host.device-dir} is not set. */
    default Optional<Path> deviceDir() {
        return Optional.empty();
    }

    /** The sysfs root, when {@code snaptastic.host.sysfs-root} is not set. */
    default Optional<Path> sysfsRoot() {
        return Optional.empty();
    }

    /** Static credentials for an endpoint that needs no real ones; empty for the SDK's default chain. */
    default Optional<StaticCredentials> credentials() {
        return Optional.empty();
    }

    /** An access key pair. */
    record StaticCredentials(String accessKeyId, String secretAccessKey) {}
}

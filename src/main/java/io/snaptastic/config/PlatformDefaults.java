package io.snaptastic.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The one order every such setting is looked up in: the configured value, else the platform's
     * default, else the built-in one.
     *
     * @param platform the running platform's defaults; null when nothing provides them (production)
     * @param builtIn the value without either; null where the SDK's own default applies
     */
    static <T> T resolve(T configured, PlatformDefaults platform, Function<PlatformDefaults, Optional<T>> platformValue,
            T builtIn) {
        if (configured != null) {
            return configured;
        }
        return Optional.ofNullable(platform).flatMap(platformValue).orElse(builtIn);
    }

    /** An access key pair. */
    record StaticCredentials(String accessKeyId, String secretAccessKey) {}
}

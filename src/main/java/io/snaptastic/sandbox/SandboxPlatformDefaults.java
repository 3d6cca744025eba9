package io.snaptastic.sandbox;

import io.snaptastic.config.PlatformDefaults;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Points the agent's EC2 and IMDS clients, and its device resolution, at the running sandbox. */
record SandboxPlatformDefaults(URI endpoint, Path sandboxDeviceDir, Path sandboxSysfsRoot) implements PlatformDefaults {

    static final StaticCredentials CREDENTIALS = new StaticCredentials("AKIASANDBOXSANDBOX00", "sandbox-secret-key-not-a-real-one");

    @Override
    public Optional<URI> ec2Endpoint() {
        return Optional.of(endpoint);
    }

    @Override
    public Optional<URI> imdsEndpoint() {
        return Optional.of(endpoint);
    }

    @Override
    public Optional<Path> deviceDir() {
        return Optional.of(sandboxDeviceDir);
    }

    @Override
    public Optional<Path> sysfsRoot() {
        return Optional.of(sandboxSysfsRoot);
    }

    @Override
    public Optional<StaticCredentials> credentials() {
        return Optional.of(CREDENTIALS);
    }
}

package io.snaptastic.mount;

import io.snaptastic.host.DeviceResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Waits for an attached volume's block device to appear on the host. EC2 reports "attached" before
 * the kernel and udev have made the device node, so the resolver is asked again with a short backoff.
 */
class DeviceAwaiter {

    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final long LONGEST_PAUSE_MILLIS = 500;

    private final DeviceResolver resolver;

    DeviceAwaiter(DeviceResolver resolver) {
        this.resolver = resolver;
    }

    /** @throws DeviceNotFoundException when the device has not appeared by the deadline */
    Path await(String volumeId, String device, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            Optional<Path> found = resolver.resolve(volumeId, device);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DeviceNotFoundException(volumeId, device, timeout);
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceNotFoundException(volumeId, device, timeout);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    /** The attached volume's device never appeared on the host. */
    static class DeviceNotFoundException extends RuntimeException {
        DeviceNotFoundException(String volumeId, String device, Duration timeout) {
            super("volume " + volumeId + " is attached at " + device + " but its block device did not appear on the host within "
                    + timeout.toSeconds() + " s");
        }
    }
}

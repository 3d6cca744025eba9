package io.snaptastic.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** A loop device over a sparse file, for host tests; detached on close. */
public final class LoopDevice implements AutoCloseable {

    private static final HostExecutor HOST = new ProcessHostExecutor();

    private final Path image;
    private final Path device;

    private LoopDevice(Path image, Path device) {
        this.image = image;
        this.device = device;
    }

    static LoopDevice create(Path image, long bytes) {
        setLength(image, bytes);
        String device = HOST.run(command("losetup", "--find", "--show", "--", image.toString())).stdout().strip();
        return new LoopDevice(image, Path.of(device));
    }

    public Path device() {
        return device;
    }

    Path image() {
        return image;
    }

    /** Makes the backing file larger and tells the kernel, as EC2 does when a volume is modified. */
    void grow(long bytes) {
        setLength(image, bytes);
        HOST.run(command("losetup", "--set-capacity", device.toString()));
    }

    @Override
    public void close() {
        HOST.run(command("losetup", "--detach", device.toString()));
    }

    private static Command command(String... argv) {
        return Command.of(argv).withTimeout(Duration.ofSeconds(30));
    }

    private static void setLength(Path image, long bytes) {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

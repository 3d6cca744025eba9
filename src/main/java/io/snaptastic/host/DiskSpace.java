package io.snaptastic.host;

import java.io.File;
import java.util.Optional;

/**
 * A mounted filesystem's size and free space, from statvfs(3) through {@link File}:
 * {@code Files.getFileStore} would also read and scan the whole mount table on every call, and both
 * the volume listing and the mounts health check ask often.
 *
 * @param freeBytes free blocks, those reserved for root included
 * @param usableBytes what an unprivileged writer may still use
 */
public record DiskSpace(long totalBytes, long freeBytes, long usableBytes) {

    /** Empty when it cannot be read: {@link File} answers a size of 0 where statvfs fails. */
    public static Optional<DiskSpace> of(String path) {
        File root = new File(path);
        long total = root.getTotalSpace();
        return total == 0 ? Optional.empty() : Optional.of(new DiskSpace(total, root.getFreeSpace(), root.getUsableSpace()));
    }
}

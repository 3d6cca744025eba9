package io.snaptastic.host;

import java.util.Optional;

/**
 * A filesystem {@link SafeFormatAndMount} mounted.
 *
 * @param fsType what it mounted, as blkid found it (or as it was made)
 * @param growFailure why it could not grow to its device, if it could not; the mount stands
 */
public record MountedFilesystem(String fsType, Optional<RuntimeException> growFailure) {}

package io.snaptastic.host;

import java.util.function.Consumer;

/** The port through which a restore mounts a volume's filesystem; {@link SafeFormatAndMount} on a host. */
public interface FormatAndMount {

    /**
     * Probes, formats only a device that holds nothing (and only an empty volume's), checks, mounts,
     * and grows a restored filesystem online; tells each phase before it runs.
     *
     * @throws HostException or IllegalStateException when the volume cannot be mounted; nothing is
     *     mounted then
     */
    MountedFilesystem mount(FilesystemMount request, Consumer<FilesystemMount.Phase> phases);
}

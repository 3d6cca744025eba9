package io.snaptastic.mount;

import io.snaptastic.host.FilesystemMount;
import io.snaptastic.host.FilesystemMount.Phase;
import io.snaptastic.host.MountedFilesystem;
import java.util.Optional;
import java.util.function.Consumer;
import org.mockito.stubbing.Answer;

/** Answers for a mocked FormatAndMount port: tell the phases the host would, then mount or fail. */
final class FormatAndMountAnswers {

    private FormatAndMountAnswers() {}

    /** Mounts: formats an empty volume, checks any other, grows a restored one. */
    static Answer<MountedFilesystem> mountsAs(String fsType) {
        return invocation -> {
            FilesystemMount request = invocation.getArgument(0);
            Consumer<Phase> phases = invocation.getArgument(1);
            phases.accept(request.origin() == FilesystemMount.Origin.EMPTY ? Phase.FORMAT : Phase.CHECK);
            phases.accept(Phase.MOUNT);
            if (request.origin() == FilesystemMount.Origin.SNAPSHOT) {
                phases.accept(Phase.GROW);
            }
            return new MountedFilesystem(fsType, Optional.empty());
        };
    }

    /** Mounts, and the grow fails: the mount stands. */
    static Answer<MountedFilesystem> growFails(String fsType, RuntimeException failure) {
        return invocation -> {
            Consumer<Phase> phases = invocation.getArgument(1);
            phases.accept(Phase.CHECK);
            phases.accept(Phase.MOUNT);
            phases.accept(Phase.GROW);
            return new MountedFilesystem(fsType, Optional.of(failure));
        };
    }

    /** Reaches the phases, the last of which fails: nothing is mounted. */
    static Answer<MountedFilesystem> failsAt(RuntimeException failure, Phase... reached) {
        return invocation -> {
            Consumer<Phase> phases = invocation.getArgument(1);
            for (Phase phase : reached) {
                phases.accept(phase);
            }
            throw failure;
        };
    }
}

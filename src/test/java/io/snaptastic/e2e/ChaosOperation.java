package io.snaptastic.e2e;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The operations the chaos drill interrupts, each with the request that starts it and the state it needs. */
public enum ChaosOperation {
    MOUNT("mount", false, true),
    SNAPSHOT("snapshot", true, true),
    UNMOUNT_KEEP("unmount-keep", true, false),
    UNMOUNT_DELETE("unmount-delete", true, false);

    private static final String SOLR = "{\"snapshotter\":\"solr\"}";

    private final String label;
    private final boolean needsMounted;
    private final boolean mountedAfter;

    ChaosOperation(String label, boolean needsMounted, boolean mountedAfter) {
        this.label = label;
        this.needsMounted = needsMounted;
        this.mountedAfter = mountedAfter;
    }

    /** Its name in the drill's report, kebab-case. */
    public String label() {
        return label;
    }

    /** Whether the snapshotter is mounted once the operation has succeeded. */
    boolean mountedAfter() {
        return mountedAfter;
    }

    /** The operations that make sense in the given state: a mount when unmounted, the others when mounted. */
    static List<ChaosOperation> validWhen(boolean mounted) {
        return java.util.Arrays.stream(values()).filter(op -> op.needsMounted == mounted).toList();
    }

    /** Sends the request and answers the operation as accepted (with {@code wait} 0) or finished (with a wait). */
    JsonNode send(AgentProcess agent, int waitSeconds) {
        String wait = "wait=" + waitSeconds;
        return switch (this) {
            case MOUNT -> agent.post("/mounts?" + wait, SOLR);
            case SNAPSHOT -> agent.post("/snapshots?" + wait, SOLR);
            case UNMOUNT_KEEP -> agent.delete("/mounts/solr?" + wait);
            case UNMOUNT_DELETE -> agent.delete("/mounts/solr?deleteVolumes=true&" + wait);
        };
    }
}

package io.snaptastic.host;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code blkid -p} found on a device. {@code fsType} is {@value #AMBIVALENT} when blkid saw
 * several conflicting signatures, which also counts as data.
 *
 * @param fsType the filesystem (or RAID member, LUKS, LVM) signature, or null
 * @param uuid the filesystem UUID, or null
 * @param partitionTableType the partition table type ({@code dos}, {@code gpt}), or null
 */
public record Probe(String fsType, String uuid, String partitionTableType) {

    public static final String AMBIVALENT = "ambivalent";

    static final Probe NOTHING = new Probe(null, null, null);

    /** Whether the device looks unused: no signature and no partition table. */
    public boolean empty() {
        return fsType == null && partitionTableType == null;
    }

    String describe() {
        List<String> found = new ArrayList<>();
        if (fsType != null) {
            found.add("a " + fsType + " signature" + (uuid == null ? "" : " (UUID " + uuid + ")"));
        }
        if (partitionTableType != null) {
            found.add("a " + partitionTableType + " partition table");
        }
        return found.isEmpty() ? "nothing" : String.join(" and ", found);
    }
}

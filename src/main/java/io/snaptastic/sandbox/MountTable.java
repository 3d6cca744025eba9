package io.snaptastic.sandbox;

/** Reads {@code /proc/self/mountinfo} text: is a block device mounted anywhere? */
final class MountTable {

    private MountTable() {}

    /**
     * Whether any mount is on the device, by its {@code major:minor} (field 3, what the kernel
     * reports whatever name was mounted) or by its path (the mount source after the {@code -}).
     */
    static boolean mounted(String mountinfo, String majorMinor, String devicePath) {
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length < 3) {
                continue;
            }
            if (fields[2].equals(majorMinor)) {
                return true;
            }
            int separator = line.indexOf(" - ");
            if (separator >= 0) {
                String[] tail = line.substring(separator + 3).split(" ");
                if (tail.length >= 2 && tail[1].equals(devicePath)) {
                    return true;
                }
            }
        }
        return false;
    }
}

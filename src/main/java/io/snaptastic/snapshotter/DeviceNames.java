package io.snaptastic.snapshotter;

/** EC2 device names: /dev/sdf, /dev/xvdf and /dev/sdf1 all name attachment point f. */
public final class DeviceNames {

    private DeviceNames() {}

    /** The attachment letter of a data device name, or the name itself when it has none. */
    public static String letter(String device) {
        // Plain prefix checks, not a regex: listings compare every volume with every attachment.
        String rest = device.startsWith("/dev/sd") ? device.substring(7)
                : device.startsWith("/dev/xvd") ? device.substring(8) : "";
        return rest.isEmpty() ? device : rest.substring(0, 1);
    }

    public static boolean sameAttachmentPoint(String a, String b) {
        return letter(a).equals(letter(b));
    }
}

package io.snaptastic.snapshotter;

/** EC2 device names: /dev/sdf, /dev/xvdf and /dev/sdf1 all name attachment point f. */
public final class DeviceNames {

    private DeviceNames() {}

    /** The attachment letter of a data device name, or the name itself when it has none. */
    public static String letter(String device) {
        String rest = device.replaceFirst("^/dev/(sd|xvd)", "");
        return rest.isEmpty() || rest.equals(device) ? device : rest.substring(0, 1);
    }

    public static boolean sameAttachmentPoint(String a, String b) {
        return letter(a).equals(letter(b));
    }
}

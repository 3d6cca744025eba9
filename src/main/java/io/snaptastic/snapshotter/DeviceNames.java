package io.snaptastic.snapshotter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EC2 device names: /dev/sdf, /dev/xvdf and /dev/sdf1 all name attachment point f. */
public final class DeviceNames {

    /**
     * The seed's paravirtual form: {@code /dev/sd[f-p][1-6]} named a whole disk on its paravirtual
     * instances. On HVM, EC2 offers {@code /dev/sd[a-z]} without a digit for data volumes and refuses
     * the rest (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/device_naming.html).
     */
    private static final Pattern WITH_PARTITION = Pattern.compile("^(/dev/(?:sd|xvd)[a-z]{1,2})[0-9]+$");

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

    /** The whole disk a name stands for: {@code /dev/sdf1} is attached as {@code /dev/sdf}; other names stay. */
    public static String disk(String device) {
        if (device == null) {
            return null;
        }
        Matcher matcher = WITH_PARTITION.matcher(device);
        return matcher.matches() ? matcher.group(1) : device;
    }
}

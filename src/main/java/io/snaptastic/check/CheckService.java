package io.snaptastic.check;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Action;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.snapshotter.Failures;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks that this instance can run every workflow: metadata, credentials, each EC2 permission (by
 * DryRun, so nothing is changed), the host tools, root, and each snapshotter against the userdata.
 */
public class CheckService {

    /** The programs the host layer runs, and the Debian package that brings each. */
    static final Map<String, String> TOOLS = Map.of(
            "mkfs.ext4", "e2fsprogs", "e2fsck", "e2fsprogs", "resize2fs", "e2fsprogs",
            "mkfs.xfs", "xfsprogs", "xfs_growfs", "xfsprogs", "dumpe2fs", "e2fsprogs",
            "fsfreeze", "util-linux", "blkid", "util-linux", "mount", "mount", "umount", "mount");

    private final InstanceIdentity instance;
    private final Ec2 ec2;
    private final SnapshotterRegistry registry;
    private final SnapshotterResolver resolver;
    private final List<Path> searchPath;
    private final Path procStatus;

    public CheckService(InstanceIdentity instance, Ec2 ec2, SnapshotterRegistry registry, SnapshotterResolver resolver,
            List<Path> searchPath, Path procStatus) {
        this.instance = instance;
        this.ec2 = ec2;
        this.registry = registry;
        this.resolver = resolver;
        this.searchPath = List.copyOf(searchPath);
        this.procStatus = procStatus;
    }

    public List<CheckItem> run() {
        List<CheckItem> items = new ArrayList<>();
        items.add(metadata());
        CheckItem credentials = credentials();
        items.add(credentials);
        if (credentials.ok()) {
            for (Ec2Action action : Ec2Action.values()) {
                items.add(permission(action));
            }
        }
        TOOLS.keySet().stream().sorted().forEach(tool -> items.add(tool(tool)));
        items.add(root());
        for (Snapshotter snapshotter : registry.all()) {
            items.add(snapshotter(snapshotter.name()));
        }
        return items;
    }

    private CheckItem metadata() {
        try {
            return CheckItem.pass("instance-metadata", instance.instanceId() + " in " + instance.availabilityZone()
                    + " (" + instance.region() + ")");
        } catch (RuntimeException e) {
            return CheckItem.fail("instance-metadata", "IMDSv2 did not answer: " + Failures.describe(e),
                    "run on EC2 with IMDSv2 reachable (a hop limit of 2 inside containers), or set snaptastic.aws.imds-endpoint");
        }
    }

    private CheckItem credentials() {
        try {
            ec2.permitted(Ec2Action.DESCRIBE_VOLUMES);
            return CheckItem.pass("credentials", "EC2 accepts the agent's credentials");
        } catch (Ec2Exception.Denied e) {
            return CheckItem.fail("credentials", "EC2 rejected the credentials (" + e.awsCode() + ")",
                    "attach an instance profile with the policy in the README, or fix the configured credentials");
        } catch (RuntimeException e) {
            return CheckItem.fail("credentials", "EC2 could not be asked: " + Failures.describe(e),
                    "check the region, snaptastic.aws.ec2-endpoint and the network path to EC2");
        }
    }

    private CheckItem permission(Ec2Action action) {
        String name = "ec2:" + actionName(action);
        try {
            return ec2.permitted(action)
                    ? CheckItem.pass(name, "permitted (DryRun)")
                    : CheckItem.fail(name, "not permitted", "allow " + name + " in the instance role's policy (see the README)");
        } catch (RuntimeException e) {
            return CheckItem.fail(name, "could not be checked: " + Failures.describe(e), "check the agent's log");
        }
    }

    private CheckItem tool(String tool) {
        boolean found = searchPath.stream().anyMatch(dir -> Files.isExecutable(dir.resolve(tool)));
        return found
                ? CheckItem.pass("tool:" + tool, "found")
                : CheckItem.fail("tool:" + tool, "not found on " + searchPath, "install the package " + TOOLS.get(tool));
    }

    private CheckItem root() {
        try {
            boolean root = Files.readAllLines(procStatus).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
            return root ? CheckItem.pass("root", "running as root")
                    : CheckItem.fail("root", "not running as root", "run the agent as root: mount, mkfs and fsfreeze need it");
        } catch (IOException | RuntimeException e) {
            return CheckItem.fail("root", "could not read " + procStatus, "run on Linux");
        }
    }

    private CheckItem snapshotter(String name) {
        try {
            SnapshotterContext context = resolver.resolve(name, null);
            return CheckItem.pass("snapshotter:" + name, context.volumes().size() + " volume(s), tags " + context.filterTags());
        } catch (RuntimeException e) {
            return CheckItem.fail("snapshotter:" + name, Failures.describe(e), "fix the userdata or the snapshotter's configuration");
        }
    }

    static String actionName(Ec2Action action) {
        StringBuilder name = new StringBuilder();
        for (String part : action.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }
}

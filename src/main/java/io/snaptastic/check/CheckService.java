package io.snaptastic.check;

import io.snaptastic.ec2.Ec2;
import io.snaptastic.ec2.Ec2Action;
import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.instance.InstanceIdentity;
import io.snaptastic.workflow.Failures;
import io.snaptastic.snapshotter.Snapshotter;
import io.snaptastic.snapshotter.SnapshotterContext;
import io.snaptastic.snapshotter.SnapshotterRegistry;
import io.snaptastic.snapshotter.SnapshotterResolver;
import io.snaptastic.snapshotter.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that this instance can run every workflow: metadata, credentials, each EC2 permission (by
 * DryRun, so nothing is changed), each snapshotter against the userdata, the host tools its volumes'
 * file systems need, and root.
 */
public class CheckService {

    private static final Logger log = LoggerFactory.getLogger(CheckService.class);

    private final InstanceIdentity instance;
    private final Ec2 ec2;
    private final SnapshotterRegistry registry;
    private final SnapshotterResolver resolver;
    private final HostTools tools;
    private final Path procStatus;

    CheckService(InstanceIdentity instance, Ec2 ec2, SnapshotterRegistry registry, SnapshotterResolver resolver,
            HostTools tools, Path procStatus) {
        this.instance = instance;
        this.ec2 = ec2;
        this.registry = registry;
        this.resolver = resolver;
        this.tools = tools;
        this.procStatus = procStatus;
    }

    public List<CheckItem> run() {
        List<CheckItem> items = new ArrayList<>();
        items.add(metadata());
        CheckItem credentials = credentials();
        items.add(credentials);
        if (credentials.ok()) {
            for (Ec2Action action : Ec2Action.values()) {
                items.add(PermissionItems.of(action, ec2));
            }
        }
        Set<String> fileSystems = new TreeSet<>();
        List<CheckItem> snapshotters = new ArrayList<>();
        for (Snapshotter snapshotter : registry.all()) {
            snapshotters.add(snapshotter(snapshotter.name(), fileSystems));
        }
        items.addAll(tools.check(fileSystems));
        items.add(root());
        items.addAll(snapshotters);
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
                    "give the agent a role with the policy in the README (instance profile, IRSA or Pod Identity; "
                            + "docs/credentials-and-checks.md), or fix the configured credentials");
        } catch (RuntimeException e) {
            // The SDK's message can name credential files and the providers it tried: the log gets it, the answer not.
            log.warn("credentials check: EC2 could not be asked", e);
            return CheckItem.fail("credentials", "EC2 could not be asked: no credentials were found, the region is "
                    + "unknown or EC2 is unreachable; the agent's log says which",
                    "check the credential source (docs/credentials-and-checks.md), the region, snaptastic.aws.ec2-endpoint "
                            + "and the network path to EC2");
        }
    }

    private CheckItem root() {
        try {
            boolean root = Files.readAllLines(procStatus).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
            return root ? CheckItem.pass("root", "running as root")
                    : CheckItem.fail("root", "not running as root", "run the agent as root: mount, mkfs and fsfreeze need it");
        } catch (IOException | RuntimeException e) {
            return CheckItem.fail("root", "could not read the process status", "run on Linux");
        }
    }

    /** Resolves the snapshotter and collects the file systems of its volumes, whose tools are then checked. */
    private CheckItem snapshotter(String name, Set<String> fileSystems) {
        try {
            SnapshotterContext context = resolver.resolve(name, null);
            context.volumes().stream().map(VolumeSpec::fileSystem).forEach(fileSystems::add);
            return CheckItem.pass("snapshotter:" + name, context.volumes().size() + " volume(s), tags " + context.filterTags());
        } catch (RuntimeException e) {
            return CheckItem.fail("snapshotter:" + name, Failures.describe(e), "fix the userdata or the snapshotter's configuration");
        }
    }
}

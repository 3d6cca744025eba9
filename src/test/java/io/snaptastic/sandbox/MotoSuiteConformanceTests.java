package io.snaptastic.sandbox;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.FileSystemUtils;

/**
 * The sandbox held to moto's own EBS and tag tests (moto 5.2.1), run by pytest in moto's server mode
 * against a sandbox with its state delays at 0. Skipped where moto's tests, pytest or moto are not on
 * the machine. Every test is listed: the ones measured to pass must pass, so a regression fails the
 * build; the racy ones may fail only as their race makes them; the others are known, each with its reason, and
 * one of them passing fails too, so the lists stay true. docs/sandbox-fidelity.md tells how to run it.
 */
class MotoSuiteConformanceTests {

    static final List<String> FILES = List.of("tests/test_ec2/test_elastic_block_store.py", "tests/test_ec2/test_tags.py");

    static final Set<String> PASSING = Set.of(
            "test_elastic_block_store.py::test_create_encrypted_volume",
            "test_elastic_block_store.py::test_create_encrypted_volume_dryrun",
            "test_elastic_block_store.py::test_create_snapshots_dryrun",
            "test_elastic_block_store.py::test_create_unencrypted_volume_with_kms_key_fails",
            "test_elastic_block_store.py::test_create_volume_with_iops",
            "test_elastic_block_store.py::test_create_volume_with_kms_key",
            "test_elastic_block_store.py::test_create_volume_with_multi_attach_enabled",
            "test_elastic_block_store.py::test_create_volume_with_non_standard_type[gp2]",
            "test_elastic_block_store.py::test_create_volume_with_non_standard_type[gp3]",
            "test_elastic_block_store.py::test_create_volume_with_non_standard_type[io1]",
            "test_elastic_block_store.py::test_create_volume_with_non_standard_type[io2]",
            "test_elastic_block_store.py::test_create_volume_with_non_standard_type[standard]",
            "test_elastic_block_store.py::test_create_volume_with_standard_type",
            "test_elastic_block_store.py::test_create_volume_with_throughput",
            "test_elastic_block_store.py::test_filter_volume_by_id",
            "test_elastic_block_store.py::test_kms_key_id_property_hidden_when_volume_not_encrypted",
            "test_elastic_block_store.py::test_volume_property_hidden_when_no_tags_exist",
            "test_tags.py::test_create_volume_without_tags",
            "test_tags.py::test_invalid_id",
            "test_tags.py::test_retrieved_volumes_must_contain_their_tags");

    /**
     * Moto makes volumes available and snapshots completed in the create call; the sandbox, like EC2,
     * does it a moment later, so a snapshot taken at once may find its volume still creating.
     */
    static final Pattern CREATING = Pattern.compile("\\(IncorrectState\\).*(is in the 'creating' state|is not 'completed')");

    /** Likewise a deleted volume is {@code deleting} for a moment: still listed, and deleting it again succeeds. */
    static final Pattern DELETING = Pattern.compile("assert 1 == 0|DID NOT RAISE");

    /** Tests that race the sandbox's transitions, each with the only failure its race may cause. */
    static final Map<String, Pattern> RACY = Map.of(
            "test_elastic_block_store.py::test_create_and_delete_volume", DELETING,
            "test_elastic_block_store.py::test_create_snapshot", CREATING,
            "test_elastic_block_store.py::test_create_encrypted_snapshot[False]", CREATING,
            "test_elastic_block_store.py::test_create_encrypted_snapshot[True]", CREATING,
            "test_elastic_block_store.py::test_filter_snapshot_by_id", CREATING,
            "test_elastic_block_store.py::test_create_volume_from_snapshot[False]", CREATING,
            "test_elastic_block_store.py::test_create_volume_from_snapshot[True]", CREATING);

    static final String RUN_INSTANCES = "needs RunInstances, which the sandbox does not serve (it has one fixed instance)";

    static final Map<String, String> KNOWN = Map.ofEntries(
            entry("test_elastic_block_store.py::test_modify_volumes",
                    "needs ModifyVolume, not served; and asks gp3 for 100 MiB/s, below gp3's 125 MiB/s minimum"),
            entry("test_elastic_block_store.py::test_delete_attached_volume", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_volume_filters", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_volume_attach_and_detach", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_modify_attribute_blockDeviceMapping", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_create_snapshots_with_tagspecification", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_create_snapshots_single_volume", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_create_snapshots_multiple_volumes", RUN_INSTANCES),
            entry("test_elastic_block_store.py::test_create_snapshots_multiple_volumes_without_boot",
                    "skipped by moto itself in server mode"),
            entry("test_elastic_block_store.py::test_snapshot_filters",
                    "expects moto's account id 123456789012 as the snapshots' owner-id"),
            entry("test_elastic_block_store.py::test_modify_snapshot_attribute",
                    "needs DescribeSnapshotAttribute and ModifySnapshotAttribute, not served"),
            entry("test_elastic_block_store.py::test_volume_tag_escaping",
                    "expects an untagged snapshot's tags to be an empty list; EC2 leaves Tags out, as for volumes"),
            entry("test_elastic_block_store.py::test_copy_snapshot",
                    "needs CopySnapshot, not served, and zones of eu-west-1 and eu-west-2"),
            entry("test_elastic_block_store.py::test_search_for_many_snapshots",
                    "creates its volume in eu-west-1a; the sandbox serves one region"),
            entry("test_elastic_block_store.py::test_create_encrypted_volume_without_kms_key_should_use_default_key",
                    "needs KMS, not served"),
            entry("test_elastic_block_store.py::test_modify_ebs_default_kms_key_id", "needs KMS, not served"),
            entry("test_elastic_block_store.py::test_create_volume_with_throughput_fails",
                    "expects InvalidParameterDependency; EC2 answers InvalidParameterCombination, as the sandbox does"),
            entry("test_elastic_block_store.py::test_create_volume_with_multi_attach_enabled_fails",
                    "asks for sc1 at 10 GiB (below its 125 GiB minimum) and the type sc2, which does not exist;"
                            + " the sandbox reports those before MultiAttachEnabled"),
            entry("test_elastic_block_store.py::test_create_volume_without_size",
                    "compares the message text ('size/snapshot'); EC2's text is not documented"),
            entry("test_tags.py::test_instance_create_tags", RUN_INSTANCES),
            entry("test_tags.py::test_instance_delete_tags", RUN_INSTANCES),
            entry("test_tags.py::test_get_all_tags_with_special_characters", RUN_INSTANCES),
            entry("test_tags.py::test_create_tags", RUN_INSTANCES),
            entry("test_tags.py::test_tag_limit_exceeded", RUN_INSTANCES),
            entry("test_tags.py::test_get_all_tags_resource_filter", RUN_INSTANCES),
            entry("test_tags.py::test_get_all_tags_value_filter", RUN_INSTANCES),
            entry("test_tags.py::test_retrieved_instances_must_contain_their_tags", RUN_INSTANCES),
            entry("test_tags.py::test_filter_instances_by_wildcard_tags", RUN_INSTANCES),
            entry("test_tags.py::test_retrieve_resource_with_multiple_tags", RUN_INSTANCES),
            entry("test_tags.py::test_ec2_validate_subnet_tags", "needs CreateVpc, not served"),
            entry("test_tags.py::test_retrieved_snapshots_must_contain_their_tags",
                    "creates its volume in eu-west-1a; the sandbox serves one region"),
            entry("test_tags.py::test_create_volume_with_tags", "passes the region us-west-2 as availability zone"),
            entry("test_tags.py::test_create_snapshot_with_tags", "passes the region us-west-2 as availability zone"),
            entry("test_tags.py::test_create_tag_empty_resource",
                    "compares the message text ('resourceIdSet'); EC2's text is not documented"),
            entry("test_tags.py::test_delete_tag_empty_resource",
                    "compares the message text ('resourceIdSet'); EC2's text is not documented"));

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void sandboxPassesMotosEbsAndTagTests() throws Exception {
        Path workDir = Files.createTempDirectory("moto-suite");
        try {
            List<String> skip = new ArrayList<>();
            Optional<MotoTests> tests = MotoTests.locate(workDir, skip);
            assumeTrue(tests.isPresent(), () -> String.join("; ", skip));
            String python = Pytest.unavailable();
            assumeTrue(python == null, python);
            Map<String, Pytest.Result> outcomes;
            try (SandboxHarness sandbox = SandboxHarness.start(workDir.resolve("state"), settings(), new FakeDisks())) {
                outcomes = Pytest.run(tests.get(), FILES, sandbox.endpoint().toString(), workDir, 900);
            }
            long passed = outcomes.values().stream().filter(r -> r.outcome() == Pytest.Outcome.PASSED).count();
            System.out.printf("moto %s EBS and tag tests against the sandbox: %d of %d passed%n", MotoTests.TAG, passed, outcomes.size());
            assertOutcomes(outcomes);
        } finally {
            FileSystemUtils.deleteRecursively(workDir);
        }
    }

    /** The lists' check itself, without moto: what it must refuse. */
    @Test
    void refusesARegressionARaceOfAnotherKindAKnownFailureThatPassesAndAnUnlistedTest() {
        Map<String, Pytest.Result> all = new HashMap<>();
        PASSING.forEach(id -> all.put(id, new Pytest.Result(Pytest.Outcome.PASSED, "")));
        RACY.keySet().forEach(id -> all.put(id, new Pytest.Result(Pytest.Outcome.FAILED, RACY.get(id) == DELETING
                ? "AssertionError: assert 1 == 0"
                : "ClientError: An error occurred (IncorrectState) when calling the CreateSnapshot operation: The volume 'vol-1' is in the 'creating' state.")));
        KNOWN.keySet().forEach(id -> all.put(id, new Pytest.Result(Pytest.Outcome.FAILED, "InvalidAction")));
        assertOutcomes(all);

        for (Map.Entry<String, Pytest.Result> change : List.of(
                entry("test_tags.py::test_invalid_id", new Pytest.Result(Pytest.Outcome.FAILED, "AssertionError")),
                entry("test_elastic_block_store.py::test_create_snapshot", new Pytest.Result(Pytest.Outcome.FAILED, "AssertionError")),
                entry("test_tags.py::test_create_tags", new Pytest.Result(Pytest.Outcome.PASSED, "")),
                entry("test_tags.py::test_new_in_moto", new Pytest.Result(Pytest.Outcome.PASSED, "")))) {
            Map<String, Pytest.Result> changed = new HashMap<>(all);
            changed.put(change.getKey(), change.getValue());
            assertThatThrownBy(() -> assertOutcomes(changed)).as(change.getKey()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining(change.getKey());
        }
        Map<String, Pytest.Result> missing = new HashMap<>(all);
        missing.remove("test_tags.py::test_invalid_id");
        assertThatThrownBy(() -> assertOutcomes(missing)).hasMessageContaining("did not run");
    }

    static void assertOutcomes(Map<String, Pytest.Result> outcomes) {
        List<String> wrong = new ArrayList<>();
        Set<String> listed = new TreeSet<>(PASSING);
        listed.addAll(RACY.keySet());
        listed.addAll(KNOWN.keySet());
        outcomes.forEach((id, result) -> {
            boolean passed = result.outcome() == Pytest.Outcome.PASSED;
            if (PASSING.contains(id) && !passed) {
                wrong.add(id + " no longer passes: " + result.message());
            } else if (RACY.containsKey(id) && !passed && !RACY.get(id).matcher(result.message()).find()) {
                wrong.add(id + " failed other than by its race: " + result.message());
            } else if (KNOWN.containsKey(id) && passed) {
                wrong.add(id + " passes now (it was known to fail: " + KNOWN.get(id) + "); list it as passing");
            } else if (!listed.contains(id)) {
                wrong.add(id + " is not listed (" + result.outcome() + ": " + result.message() + ")");
            }
        });
        listed.stream().filter(id -> !outcomes.containsKey(id)).forEach(id -> wrong.add(id + " did not run"));
        assertThat(wrong).as("moto's tests against the sandbox").isEmpty();
    }

    /**
     * Moto's tests work in us-east-1 and its zones; the sandbox's region is a setting, so it is set to
     * theirs. Moto has no per-volume snapshot window and its tests snapshot one volume back to back, so
     * the window is off here; it has tests of its own.
     */
    static SandboxProperties settings() {
        return new SandboxProperties(true, 0, SandboxProperties.DEMO_USERDATA, "i-0sandbox000000001", "us-east-1a",
                "us-east-1", true, Duration.ZERO, Duration.ZERO, SandboxProperties.Faults.NONE, Duration.ZERO);
    }
}

package io.snaptastic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ec2QueryHandlerTests {

    @TempDir
    Path stateDir;

    SandboxHarness ec2;

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
        }
    }

    @Test
    void dryRunAnswersDryRunOperationWithoutDoingAnything() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());

        SandboxHarness.Answer answer = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "DryRun", "true");

        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.errorCode()).isEqualTo("DryRunOperation");
        assertThat(ec2.sandbox.store().volumes()).hasSize(1);
    }

    @Test
    void unknownOrMissingActionIsAnError() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());

        assertThat(ec2.call("RunInstances").errorCode()).isEqualTo("InvalidAction");
        SandboxHarness.Answer missing = ec2.send(HttpRequest.newBuilder(ec2.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Version=2016-11-15")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("MissingAction");
    }

    @Test
    void errorEnvelopeIsEc2sWithEscapedText() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());

        SandboxHarness.Answer answer = ec2.call("DescribeVolumes", "Filter.1.Name", "<&>", "Filter.1.Value.1", "x");

        assertThat(answer.body()).contains("<Response><Errors><Error><Code>InvalidParameterValue</Code>")
                .contains("&lt;&amp;&gt;").contains("<RequestID>");
        assertThat(answer.text("//Message")).contains("<&>");
    }

    @Test
    void acceptsTheQueryStringOfAGetRequest() {
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks());

        SandboxHarness.Answer answer = ec2.send(HttpRequest.newBuilder(
                ec2.endpoint().resolve("/?Action=DescribeInstances&Version=2016-11-15")).GET());

        assertThat(answer.ok().text("//instanceId")).isEqualTo("i-0sandbox000000001");
    }

    @Test
    void throttlesAnActionWhenItsBucketIsEmpty() {
        SandboxProperties.Faults throttled = new SandboxProperties.Faults(null,
                Map.of("DescribeVolumes", new SandboxProperties.Bucket(2, 0)), 0, false, null);
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(throttled), new FakeDisks());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(ec2.call("DescribeVolumes").status());
        }

        assertThat(statuses).containsExactly(200, 200, 503);
        assertThat(ec2.call("DescribeVolumes").errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(ec2.call("DescribeSnapshots").status()).isEqualTo(200);
    }

    @Test
    void injectsServerErrorsAtTheConfiguredRate() {
        SandboxProperties.Faults failing = new SandboxProperties.Faults(null, null, 1.0, false, null);
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(failing), new FakeDisks());

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SandboxHarness.Answer answer = ec2.call("DescribeVolumes");
            codes.add(answer.status() + " " + answer.errorCode());
        }

        assertThat(codes).allMatch(code -> code.equals("500 InternalError") || code.equals("503 Unavailable"));
    }

    @Test
    void answersNoSoonerThanTheInjectedLatencyCountingItsOwnWork() {
        List<Duration> slept = new ArrayList<>();
        SandboxProperties.Faults slow = new SandboxProperties.Faults(
                Map.of("default", Duration.ofMillis(5), "CreateVolume", Duration.ofMillis(500)), null, 0, false, null);
        FaultInjector faults = new FaultInjector(slow, System::nanoTime, () -> 1.0, slept::add);
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast(), new FakeDisks(), faults);

        ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1").ok();

        // What the action itself took is subtracted: the hold is the rest of the 500 ms.
        assertThat(slept).singleElement().satisfies(hold -> assertThat(hold)
                .isPositive().isLessThanOrEqualTo(Duration.ofMillis(500)));
    }

    @Test
    void aLostAnswerIsAServerErrorForAnActionThatWasCarriedOut() {
        SandboxProperties.Faults lost = SandboxProperties.Faults.NONE.withLostAnswer(Map.of("CreateVolume", 1.0));
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(lost), new FakeDisks());

        int before = ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId").size();
        SandboxHarness.Answer create = ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "ClientToken", "t-1");

        assertThat(create.status()).isIn(500, 503);
        assertThat(ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId")).as("the volume was made").hasSize(before + 1);
    }

    @Test
    void aCreateVolumeRetriedWithItsClientTokenAfterALostAnswerMakesNoSecondVolume() {
        SandboxProperties.Faults lost = SandboxProperties.Faults.NONE.withLostAnswer(Map.of("CreateVolume", 1.0));
        ec2 = SandboxHarness.start(stateDir, SandboxHarness.fast().withFaults(lost), new FakeDisks());

        int before = ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId").size();
        ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "ClientToken", "t-1");
        ec2.call("CreateVolume", "AvailabilityZone", "eu-west-1a", "Size", "1", "ClientToken", "t-1");

        assertThat(ec2.call("DescribeVolumes").ok().texts("//volumeSet/item/volumeId")).hasSize(before + 1);
    }
}

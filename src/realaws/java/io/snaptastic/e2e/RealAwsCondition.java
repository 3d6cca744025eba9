package io.snaptastic.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** Enables the real-AWS suite only where it can run; the reason it cannot is printed, so a skip is never silent. */
final class RealAwsCondition implements ExecutionCondition {

    /** IMDS's fixed address (EC2 user guide, "instancedata-data-retrieval"). */
    static final URI IMDS = URI.create("http://169.254.169.254");

    private static volatile ConditionEvaluationResult result;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (result == null) {
            result = evaluate();
            System.out.println("real-aws suite: " + result.getReason().orElse(""));
        }
        return result;
    }

    private static ConditionEvaluationResult evaluate() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return ConditionEvaluationResult.disabled("skipped: not root (mounting and formatting volumes needs root)");
        }
        if (imdsToken() == null) {
            return ConditionEvaluationResult.disabled("skipped: not on EC2 (no IMDSv2 token from " + IMDS
                    + " within 2 s); this suite creates real EBS volumes and snapshots and only runs on an instance");
        }
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            return ConditionEvaluationResult.disabled("skipped: on EC2 but no AWS credentials (instance role) found: "
                    + e.getClass().getSimpleName());
        }
        return ConditionEvaluationResult.enabled("running on EC2 with credentials: it makes real volumes and snapshots");
    }

    /** An IMDSv2 session token, or null when nothing answers: PUT /latest/api/token with a TTL header. */
    static String imdsToken() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(IMDS.resolve("/latest/api/token"))
                    .header("X-aws-ec2-metadata-token-ttl-seconds", "21600")
                    .timeout(Duration.ofSeconds(2))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

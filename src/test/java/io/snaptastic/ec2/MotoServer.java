package io.snaptastic.ec2;

import static org.awaitility.Awaitility.await;

import io.snaptastic.config.PlatformDefaults.StaticCredentials;
import io.snaptastic.instance.FixedIdentity;
import io.snaptastic.instance.InstanceIdentity;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A {@code moto_server} (EC2, IAM, STS) for one test class, with IAM enforcement switched on and off
 * through moto's own API, and the agent's EC2 port built against it. Skips the test where moto is not
 * installed, as {@link MotoEc2ContractTests} does.
 */
public final class MotoServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(30);
    /** Any key works while moto does not enforce IAM. */
    private static final StaticCredentials SETUP = new StaticCredentials("setup", "setup");

    private final Process process;
    private final Path log;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** Starts moto_server on a free loopback port, or skips the test where it is not installed. */
    public static MotoServer start() throws IOException {
        Assumptions.assumeTrue(onPath("moto_server"), "moto_server is not installed (pip install 'moto[server]')");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server", ".log");
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer moto = new MotoServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("moto_server exited; see " + log, () -> !process.isAlive())
                    .until(() -> accepts(port));
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
        return moto;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * From now on every request is authenticated and authorized against IAM ({@code true}), or none is.
     * moto's {@code POST /moto-api/reset-auth} sets INITIAL_NO_AUTH_ACTION_COUNT at run time and restarts
     * its count (moto/moto_api/_internal/responses.py), so users and policies can be made in between.
     */
    public void enforceIam(boolean enforce) throws IOException, InterruptedException {
        resetAuth(enforce ? "0" : "inf");
    }

    /**
     * IAM is enforced after the next {@code free} requests. moto 5.2.1 cannot authorize an unsigned
     * request such as AssumeRoleWithWebIdentity while it enforces IAM (IAMRequest reads the Authorization
     * header, moto/iam/access_control.py, and answers 500 without one), so that call must be let through.
     */
    public void enforceIamAfter(int free) throws IOException, InterruptedException {
        resetAuth(Integer.toString(free));
    }

    private void resetAuth(String count) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset-auth"))
                        .timeout(CALL)
                        .POST(HttpRequest.BodyPublishers.ofString(count))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        check(answer, "reset-auth");
    }

    /** Makes an IAM user with this inline policy and answers its access key; only while IAM is not enforced. */
    public StaticCredentials userWithPolicy(String user, String policy) throws IOException, InterruptedException {
        iam(Map.of("Action", "CreateUser", "UserName", user));
        iam(Map.of("Action", "PutUserPolicy", "UserName", user, "PolicyName", "snaptastic", "PolicyDocument", policy));
        String key = iam(Map.of("Action", "CreateAccessKey", "UserName", user));
        return new StaticCredentials(element(key, "AccessKeyId"), element(key, "SecretAccessKey"));
    }

    /** Makes an IAM role that web identities may assume, with this inline policy; answers its ARN. */
    public String roleWithPolicy(String role, String policy) throws IOException, InterruptedException {
        String trust = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                 "Principal": {"Federated": "arn:aws:iam::%s:oidc-provider/oidc.eks.%s.amazonaws.com/id/TEST"}}]}"""
                .formatted(ACCOUNT, REGION);
        String created = iam(Map.of("Action", "CreateRole", "RoleName", role, "AssumeRolePolicyDocument", trust));
        iam(Map.of("Action", "PutRolePolicy", "RoleName", role, "PolicyName", "snaptastic", "PolicyDocument", policy));
        return element(created, "Arn");
    }

    /**
     * Temporary credentials of a session of this role, as the EKS Pod Identity Agent hands out; only while
     * IAM is not enforced (moto then asks no trust policy).
     */
    public AwsSessionCredentials roleSession(String roleArn) {
        try (StsClient sts = StsClient.builder()
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(SETUP.accessKeyId(), SETUP.secretAccessKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(CALL))
                .build()) {
            Credentials session = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("pod-identity")).credentials();
            return AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        }
    }

    /** Starts one instance from one of moto's built-in images, in zone {@code us-east-1a}. */
    public InstanceIdentity runInstance() {
        Ec2ClientSettings settings = new Ec2ClientSettings(endpoint, () -> REGION, SETUP, CALL, Duration.ofSeconds(2));
        try (Ec2Client raw = settings.build()) {
            String imageId = raw.describeImages().images().get(0).imageId();
            String id = raw.runInstances(b -> b.imageId(imageId)
                            .instanceType(InstanceType.T3_MICRO)
                            .minCount(1)
                            .maxCount(1)
                            .placement(p -> p.availabilityZone(REGION + "a")))
                    .instances().get(0).instanceId();
            return FixedIdentity.in(id, REGION);
        }
    }

    /** The agent's EC2 port, built as the agent builds it, with these credentials. */
    public Ec2 ec2(StaticCredentials credentials, InstanceIdentity identity) {
        return Ec2Configuration.sdkEc2(new Ec2ClientSettings(endpoint, () -> REGION, credentials, CALL, Duration.ofSeconds(2)), identity);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * An IAM Query call. moto_server picks the backend from the credential scope of the Authorization
     * header (moto/moto_server/werkzeug_app.py, infer_service_region_host); the signature itself is
     * checked only while IAM is enforced.
     */
    private String iam(Map<String, String> params) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Version", "2010-05-08");
        String body = all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(endpoint)
                        .timeout(CALL)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=setup/20260101/" + REGION
                                + "/iam/aws4_request, SignedHeaders=host, Signature=unchecked")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return check(answer, params.get("Action"));
    }

    private static String check(HttpResponse<String> answer, String what) {
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("moto " + what + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        if (!matcher.find()) {
            throw new IllegalStateException("no <" + name + "> in " + xml);
        }
        return matcher.group(1);
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

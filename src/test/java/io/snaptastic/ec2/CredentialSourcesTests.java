package io.snaptastic.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.snaptastic.instance.InstanceIdentity;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credential sources of EKS, through the SDK's real default chain, in a child JVM that has exactly
 * the environment variables EKS sets (a JVM cannot change its own environment), with moto_server
 * enforcing IAM: a DescribeVolumes is permitted only with the role's or user's own keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialSourcesTests {

    private static final long CHILD_SECONDS = 90;
    private static final String DESCRIBE_ONLY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeVolumes", "Resource": "*"}]}""";
    private static final String NOTHING_OF_EC2 = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*"}]}""";

    private MotoServer moto;
    private InstanceIdentity instance;

    @TempDir
    Path dir;

    @BeforeAll
    void startMoto() throws Exception {
        moto = MotoServer.start();
        instance = moto.runInstance();
    }

    @AfterAll
    void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    /** IRSA: the pod identity webhook sets AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE (and AWS_REGION). */
    @Test
    void webIdentityAssumesTheRoleThroughSts() throws Exception {
        assertThat(irsa("snaptastic-irsa", DESCRIBE_ONLY)).isEqualTo("permitted=true");
    }

    @Test
    void webIdentityCallsEc2AsTheRoleAndNothingElse() throws Exception {
        assertThat(irsa("snaptastic-irsa-no-ec2", NOTHING_OF_EC2)).isEqualTo("permitted=false");
    }

    /** Why the agent depends on the sts module: without it the chain skips web identity and finds nothing. */
    @Test
    void withoutTheStsModuleWebIdentityIsSkipped() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("sts-"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));

        assertThat(irsa("snaptastic-irsa-without-sts", DESCRIBE_ONLY, classPath)).startsWith("failed=Unavailable");
    }

    /**
     * EKS Pod Identity: AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE. The
     * SDK's ContainerCredentialsProvider takes a plain-http URI only when its host is a loopback address or
     * EKS's 169.254.170.23 / fd00:ec2::23 (ContainerCredentialsProvider, isAllowedHost), so the agent's
     * server here is on 127.0.0.1.
     */
    @Test
    void podIdentityReadsTheAgentsCredentialsWithTheTokenFromItsFile() throws Exception {
        moto.enforceIam(false);
        AwsSessionCredentials session = moto.roleSession(moto.roleWithPolicy("snaptastic-pod-identity", DESCRIBE_ONLY));
        Path token = Files.writeString(dir.resolve("eks-pod-identity-token"), "pod-identity-token-" + System.nanoTime());
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer agent = podIdentityAgent(session, Files.readString(token), authorizations);
        try {
            moto.enforceIam(true);
            Map<String, String> env = Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:" + agent.getAddress().getPort() + "/v1/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.toString());

            assertThat(probe(System.getProperty("java.class.path"), env)).isEqualTo("permitted=true");
            assertThat(authorizations).isNotEmpty().allMatch(Files.readString(token)::equals);
        } finally {
            agent.stop(0);
            moto.enforceIam(false);
        }
    }

    private String irsa(String role, String policy) throws Exception {
        return irsa(role, policy, System.getProperty("java.class.path"));
    }

    private String irsa(String role, String policy, String classPath) throws Exception {
        moto.enforceIam(false);
        String roleArn = moto.roleWithPolicy(role, policy);
        Path token = Files.writeString(dir.resolve(role + "-token"), "eyJhbGciOiJSUzI1NiJ9.e30.irsa-test-token");
        // The one unsigned AssumeRoleWithWebIdentity goes through; every EC2 call after it is authorized.
        moto.enforceIamAfter(1);
        try {
            return probe(classPath, Map.of(
                    "AWS_ROLE_ARN", roleArn,
                    "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(),
                    "AWS_REGION", MotoServer.REGION,
                    // Read by the STS client the SDK builds for web identity once it has a region
                    // (AwsClientEndpointProvider, SDK 2.28.1 on; StsWebIdentityCredentialsProviderFactory, configureEndpoint).
                    "AWS_ENDPOINT_URL_STS", moto.endpoint().toString()));
        } finally {
            moto.enforceIam(false);
        }
    }

    /** Serves one set of container credentials to a request carrying the token, as the EKS Pod Identity Agent does. */
    private static HttpServer podIdentityAgent(AwsSessionCredentials session, String token, List<String> authorizations)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/credentials", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            byte[] body = (token.equals(authorization) ? """
                    {"AccessKeyId": "%s", "SecretAccessKey": "%s", "Token": "%s", "Expiration": "%s"}"""
                    .formatted(session.accessKeyId(), session.secretAccessKey(), session.sessionToken(),
                            Instant.now().plus(1, ChronoUnit.HOURS))
                    : "{\"message\": \"no token\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(token.equals(authorization) ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** Runs {@link CredentialsProbe} on this class path with no AWS variable but these, and answers its one line. */
    private String probe(String classPath, Map<String, String> aws) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath,
                CredentialsProbe.class.getName(), moto.endpoint().toString(), instance.instanceId()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(aws);
        // No shared credentials or config file, and no instance metadata, can stand in for the source under test.
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Path output = Files.createTempFile(dir, "probe", ".log");
        builder.redirectOutput(output.toFile());
        Process child = builder.start();
        try {
            if (!child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the probe did not finish in " + CHILD_SECONDS + " s: " + Files.readString(output));
            }
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(output);
        return lines.stream().filter(line -> line.startsWith("permitted=") || line.startsWith("failed=")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe printed no answer: " + lines));
    }
}

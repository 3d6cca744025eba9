package io.snaptastic.e2e;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** A plain SDK client on the agent's sandbox endpoint: how a test plays another tool (or the Python snaptastic). */
final class SandboxClient {

    private SandboxClient() {}

    static Ec2Client of(URI endpoint) {
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}

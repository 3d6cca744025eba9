package io.snaptastic.e2e;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * A plain SDK client on the agent's sandbox endpoint: how a test plays another tool (or the Python
 * snaptastic), and the look-ups the end-to-end tests make with it.
 */
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

    /** The volume, or empty once it is gone. */
    static Optional<Volume> volume(Ec2Client ec2, String volumeId) {
        // A filter, not an id: EC2 answers an id that no longer exists with InvalidVolume.NotFound.
        return ec2.describeVolumes(b -> b.filters(Filter.builder().name("volume-id").values(volumeId).build()))
                .volumes().stream().findFirst();
    }

    /** The volume's state, {@code deleted} once EC2 no longer lists it. */
    static String state(Ec2Client ec2, String volumeId) {
        return volume(ec2, volumeId).map(Volume::stateAsString).orElse("deleted");
    }

    /** The managed volumes that are neither deleting nor deleted. */
    static List<Volume> liveManagedVolumes(Ec2Client ec2) {
        return ec2.describeVolumes(b -> b.filters(Filter.builder().name("tag:snaptastic:managed").values("true").build()))
                .volumes().stream().filter(v -> !"deleting".equals(v.stateAsString()) && !"deleted".equals(v.stateAsString()))
                .toList();
    }

    static Map<String, String> tags(Volume volume) {
        return volume.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}

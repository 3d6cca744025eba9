package io.snaptastic.instance;

import io.snaptastic.support.Lazy;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataClientException;

/**
 * The instance's identity from IMDSv2, through the SDK's {@link Ec2MetadataClient}, which fetches the
 * session token and refreshes it before it expires. Instance id, zone, region and userdata never change
 * while the agent runs (EC2 lets userdata be edited only while the instance is stopped), so each is
 * fetched once. That keeps IMDS, which throttles per instance, out of every listing and every check.
 */
public final class ImdsInstanceIdentity implements InstanceIdentity, AutoCloseable {

    static final String INSTANCE_ID = "/latest/meta-data/instance-id";
    static final String AVAILABILITY_ZONE = "/latest/meta-data/placement/availability-zone";
    static final String REGION = "/latest/meta-data/placement/region";
    static final String USERDATA = "/latest/user-data";

    private final UserdataParser parser = new UserdataParser();
    // Each is computed once; a failure is not kept (support.Lazy), so the next call asks again.
    private final Lazy<Ec2MetadataClient> client;
    private final Lazy<String> instanceId = new Lazy<>(() -> fetch(INSTANCE_ID));
    private final Lazy<String> availabilityZone = new Lazy<>(() -> fetch(AVAILABILITY_ZONE));
    // An IMDS without the region document (older emulators) answers 404; the zone's region is taken then.
    private final Lazy<String> region = new Lazy<>(() -> fetchIfPresent(REGION).orElseGet(() -> regionOf(availabilityZone())));
    private final Lazy<Map<String, Object>> userdata = new Lazy<>(() -> Collections.unmodifiableMap(parser.parse(fetchUserdata())));

    /**
     * @param factory builds the client on the first call, not at start-up (it takes tens of milliseconds
     *     there): nothing asks IMDS before the agent is ready unless a snapshotter mounts on start
     */
    public ImdsInstanceIdentity(Supplier<Ec2MetadataClient> factory) {
        this.client = new Lazy<>(() -> {
            try {
                return factory.get();
            } catch (RuntimeException e) {
                throw new InstanceMetadataException("the instance metadata client could not be built: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public String instanceId() {
        return instanceId.get();
    }

    @Override
    public String availabilityZone() {
        return availabilityZone.get();
    }

    @Override
    public String region() {
        return region.get();
    }

    /** Kept once read and valid; a failure or an invalid document is not kept, so the next call asks again. */
    @Override
    public Map<String, Object> userdata() {
        return userdata.get();
    }

    private String fetchUserdata() {
        try {
            return imds().get(USERDATA).asString();
        } catch (Ec2MetadataClientException e) {
            if (e.statusCode() == 404) {
                return ""; // IMDS answers 404 for an instance launched without userdata.
            }
            throw unavailable(USERDATA, e);
        } catch (SdkClientException e) {
            throw unavailable(USERDATA, e);
        }
    }

    private String fetch(String path) {
        return fetchIfPresent(path).orElseThrow(() -> new InstanceMetadataException(
                "the instance metadata service has no " + path, null));
    }

    private Optional<String> fetchIfPresent(String path) {
        try {
            String value = imds().get(path).asString().trim();
            if (value.isEmpty()) {
                throw new InstanceMetadataException("the instance metadata service answered nothing for " + path, null);
            }
            return Optional.of(value);
        } catch (Ec2MetadataClientException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable(path, e);
        } catch (SdkClientException e) {
            throw unavailable(path, e);
        }
    }

    /** {@code eu-west-1b} is in {@code eu-west-1}: a zone is its region and one letter. */
    static String regionOf(String availabilityZone) {
        return availabilityZone.replaceFirst("[a-z]$", "");
    }

    private static InstanceMetadataException unavailable(String path, SdkClientException e) {
        return new InstanceMetadataException(
                "the instance metadata service (IMDSv2) did not answer " + path + ": " + e.getMessage(), e);
    }

    private Ec2MetadataClient imds() {
        return client.get();
    }

    @Override
    public void close() {
        Ec2MetadataClient built = client.ifComputed();
        if (built != null) {
            built.close();
        }
    }
}

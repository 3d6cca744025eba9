package io.snaptastic.ec2;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.instance.InstanceIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a child JVM by {@link CredentialSourcesTests}, so the SDK sees real environment variables:
 * builds the EC2 port as the agent does (no static credentials, so the SDK's default chain) and prints
 * what one DryRun DescribeVolumes answered.
 */
final class CredentialsProbe {

    private CredentialsProbe() {}

    /** @param args the EC2 endpoint and the instance id */
    public static void main(String[] args) {
        InstanceIdentity identity = new InstanceIdentity() {
            @Override
            public String instanceId() {
                return args[1];
            }

            @Override
            public String availabilityZone() {
                return MotoServer.REGION + "a";
            }

            @Override
            public String region() {
                return MotoServer.REGION;
            }

            @Override
            public Map<String, Object> userdata() {
                return Map.of();
            }
        };
        SnaptasticProperties.Aws aws =
                new SnaptasticProperties.Aws(MotoServer.REGION, URI.create(args[0]), null, Duration.ofSeconds(30), Duration.ofSeconds(2));
        SdkEc2 ec2 = Ec2Configuration.sdkEc2(Ec2ClientSettings.resolve(aws, null, identity), identity);
        try {
            System.out.println("permitted=" + ec2.permitted(Ec2Action.DESCRIBE_VOLUMES));
        } catch (Ec2Exception e) {
            System.out.println("failed=" + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}

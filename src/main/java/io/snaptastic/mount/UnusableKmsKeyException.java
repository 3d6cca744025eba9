package io.snaptastic.mount;

import io.snaptastic.ec2.Ec2Exception;
import io.snaptastic.snapshotter.VolumeSpec;

/**
 * An encrypted volume EC2 removed while creating it: what EC2 does when the agent's role may not use
 * the volume's KMS key (aws-ebs-csi-driver issue #3010). The message names the key and what the role
 * needs, from the EBS user guide "ebs-encryption" (EBS uses the key through a grant it makes for the
 * caller).
 */
public class UnusableKmsKeyException extends RuntimeException {

    // The README's least-privilege policy lists the same five for a customer managed key.
    static final String PERMISSIONS =
            "kms:CreateGrant, kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt*";

    UnusableKmsKeyException(VolumeSpec volume, Ec2Exception.Vanished vanished) {
        super("volume " + vanished.volumeId() + " disappeared while EC2 was creating it, as EC2 does when the agent's role "
                + "may not use the volume's KMS key: " + key(volume) + ". Give the role " + PERMISSIONS
                + " on that key, in IAM and in the key's policy", vanished);
    }

    private static String key(VolumeSpec volume) {
        return volume.kmsKeyId() == null ? "the account's default EBS key (kms-key-id is not set; the account may have made a customer managed key its default)" : "'" + volume.kmsKeyId() + "'";
    }
}

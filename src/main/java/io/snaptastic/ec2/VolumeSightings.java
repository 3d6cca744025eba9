package io.snaptastic.ec2;

import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;

/**
 * What one wait for a new volume has seen of it. Right after CreateVolume a Describe may not know the
 * volume yet (eventual consistency, https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html);
 * once it was seen, answers without it mean EC2 removed it, as it does when the volume's KMS key may not be
 * used (aws-ebs-csi-driver issue #3010). One answer could still come from a lagging replica, so it takes
 * {@link #CONFIRMING_POLLS} in a row.
 */
final class VolumeSightings {

    static final int CONFIRMING_POLLS = 3;

    private boolean seen;
    private String lastState;
    private int missingSinceSeen;

    /** Records the answer and hands it on, so it can sit in the wait's poll. */
    synchronized DescribeVolumesResponse observe(DescribeVolumesResponse answer) {
        if (answer.volumes().isEmpty()) {
            if (seen) {
                missingSinceSeen++;
            }
        } else {
            seen = true;
            lastState = answer.volumes().get(0).stateAsString();
            missingSinceSeen = 0;
        }
        return answer;
    }

    synchronized boolean vanished() {
        return seen && missingSinceSeen >= CONFIRMING_POLLS;
    }

    synchronized String lastState() {
        return lastState;
    }
}

package io.snaptastic.ec2;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;

/**
 * An {@link Ec2Client} that answers the calls these tests script and records their requests.
 * Hand-written rather than a Mockito mock or a dynamic proxy: both resolve all 1,500 methods of the
 * client, loading thousands of model classes, which takes seconds on a busy machine. Every other
 * call keeps the SDK's default (UnsupportedOperationException); the SDK's Consumer overloads and
 * paginators run for real on top of these, so what is scripted is exactly what goes over the wire.
 */
final class ScriptedEc2Client implements Ec2Client {

    private final Map<Class<?>, Deque<Object>> answers = new HashMap<>();
    private final List<Ec2Request> requests = new ArrayList<>();

    /** Answers the next requests of this type in order, each a response or an exception to throw; the last repeats. */
    ScriptedEc2Client answer(Class<? extends Ec2Request> request, Object... responses) {
        answers.computeIfAbsent(request, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    <T extends Ec2Request> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Ec2Request> T request(Class<T> type) {
        List<T> made = requests(type);
        if (made.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but " + made.size() + " were made");
        }
        return made.get(0);
    }

    @Override
    public CreateVolumeResponse createVolume(CreateVolumeRequest request) {
        return answer(request, CreateVolumeResponse.class);
    }

    @Override
    public CreateSnapshotResponse createSnapshot(CreateSnapshotRequest request) {
        return answer(request, CreateSnapshotResponse.class);
    }

    @Override
    public CreateSnapshotsResponse createSnapshots(CreateSnapshotsRequest request) {
        return answer(request, CreateSnapshotsResponse.class);
    }

    @Override
    public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest request) {
        return answer(request, DescribeVolumesResponse.class);
    }

    @Override
    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request) {
        return answer(request, DescribeSnapshotsResponse.class);
    }

    @Override
    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
        return answer(request, DescribeInstancesResponse.class);
    }

    @Override
    public ModifyInstanceAttributeResponse modifyInstanceAttribute(ModifyInstanceAttributeRequest request) {
        return answer(request, ModifyInstanceAttributeResponse.class);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}

    private <T> T answer(Ec2Request request, Class<T> response) {
        requests.add(request);
        Deque<Object> script = answers.get(request.getClass());
        if (script == null || script.isEmpty()) {
            throw new AssertionError("no answer scripted for " + request.getClass().getSimpleName());
        }
        Object next = script.size() > 1 ? script.removeFirst() : script.peekFirst();
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return response.cast(next);
    }
}

package io.snaptastic.web;

import io.snaptastic.operation.Operation;
import io.snaptastic.operation.OperationOutcome;
import io.snaptastic.operation.OperationType;
import io.snaptastic.operation.Operations;
import io.snaptastic.operation.RequestFingerprint;
import io.snaptastic.snapshotter.UnknownSnapshotterException;
import io.snaptastic.workflow.VolumeOutcome;
import io.snaptastic.workflow.VolumeStep;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only mutation endpoint shaped like the real ones will be (POST /mounts …): it submits an
 * operation and answers through {@link OperationResponses}.
 */
@RestController
class DummyOperationController {

    private final Operations operations;
    private final OperationGate gate;

    // The gate is optional so that any context scanning test sources (an end-to-end test) still starts.
    DummyOperationController(Operations operations, ObjectProvider<OperationGate> gate) {
        this.operations = operations;
        this.gate = gate.getIfAvailable(OperationGate::new);
    }

    @PostMapping("/test-operations/{snapshotter}")
    ResponseEntity<Operation> start(
            @PathVariable String snapshotter,
            @RequestBody DummyRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestParam(defaultValue = "0") int wait) {
        Operation operation = operations.submit(OperationType.MOUNT, snapshotter, idempotencyKey,
                RequestFingerprint.of("POST /test-operations", snapshotter, request), progress -> {
                    for (String device : request.devices()) {
                        progress.volume(VolumeOutcome.of(device, "/mnt" + device).at(VolumeStep.MOUNT));
                    }
                    if (request.hold()) {
                        gate.awaitOpen();
                    }
                    if (request.fail()) {
                        throw new UnknownSnapshotterException(snapshotter);
                    }
                    return OperationOutcome.succeeded();
                });
        return OperationResponses.answer(operations, operation, wait);
    }

    record DummyRequest(List<String> devices, boolean hold, boolean fail) {

        DummyRequest {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }
    }
}

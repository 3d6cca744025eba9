package io.snaptastic.check;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the checks (the seed's test command); {@code ok} is true only when every item passed. */
@RestController
@Tag(name = "checks", description = "Whether the agent can do its work on this instance")
class CheckController {

    private final CheckService checks;

    CheckController(CheckService checks) {
        this.checks = checks;
    }

    /** The items, and whether all of them passed. */
    record CheckReport(boolean ok, List<CheckItem> items) {}

    @GetMapping("/checks")
    @Operation(operationId = "runChecks", summary = "Check the instance metadata, credentials, EC2 permissions and host "
            + "tools (test)", description = "EC2 permissions are checked with DryRun calls, so nothing is changed. "
            + "Always 200: ok is false when any item failed, and a failed item has a remedy.")
    CheckReport runChecks() {
        List<CheckItem> items = checks.run();
        return new CheckReport(items.stream().allMatch(CheckItem::ok), items);
    }
}

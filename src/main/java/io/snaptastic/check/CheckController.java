package io.snaptastic.check;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the checks (the seed's test command). {@code ok} is true when no item failed: an inconclusive
 * item (a DryRun that could not tell) does not make it false, or the least-privilege policy could
 * never pass.
 */
@RestController
@Tag(name = "checks", description = "Whether the agent can do its work on this instance")
class CheckController {

    private final CheckService checks;

    CheckController(CheckService checks) {
        this.checks = checks;
    }

    /** The items, and whether none of them failed. */
    record CheckReport(boolean ok, List<CheckItem> items) {}

    @GetMapping("/checks")
    @Operation(operationId = "runChecks", summary = "Check the instance metadata, credentials, EC2 permissions and host "
            + "tools (test)", description = "EC2 permissions are checked with DryRun calls, so nothing is changed. "
            + "Always 200. Each item's status is passed, failed or inconclusive (the check could not tell, such as a "
            + "DryRun answered about a placeholder id); failed and inconclusive items have a remedy. ok is false when "
            + "any item failed; inconclusive items leave it true.")
    CheckReport runChecks() {
        List<CheckItem> items = checks.run();
        return new CheckReport(items.stream().noneMatch(CheckItem::failed), items);
    }
}

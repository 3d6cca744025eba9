package io.snaptastic.check;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the checks (the seed's test command); {@code ok} is true only when every item passed. */
@RestController
class CheckController {

    private final CheckService checks;

    CheckController(CheckService checks) {
        this.checks = checks;
    }

    /** The items, and whether all of them passed. */
    record CheckReport(boolean ok, List<CheckItem> items) {}

    @GetMapping("/checks")
    CheckReport run() {
        List<CheckItem> items = checks.run();
        return new CheckReport(items.stream().allMatch(CheckItem::ok), items);
    }
}

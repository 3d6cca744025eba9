package io.snaptastic.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only endpoints: one that throws whatever failure a test hands it, and one that takes a validated JSON body. */
@RestController
class ProblemTestController {

    private volatile Exception failure = new IllegalStateException("no failure set");

    /** What the next request to {@code /test/failure} throws. */
    void raise(Exception next) {
        failure = next;
    }

    @GetMapping("/test/failure")
    String fail() throws Exception {
        throw failure;
    }

    @PostMapping("/test/echo")
    Echo echo(@Valid @RequestBody Echo body, @RequestParam(defaultValue = "0") int wait) {
        return body;
    }

    record Echo(@NotBlank String name, @Min(0) int count, List<Object> tags) {}
}

package io.snaptastic.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints every configuration problem, one per line, instead of a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "The snaptastic configuration has " + cause.problems().size() + " problem(s):\n  "
                        + String.join("\n  ", cause.problems()),
                "Fix the properties named above (application.yml, SPRING_APPLICATION_JSON, or --snaptastic.… arguments) and start again.",
                cause);
    }
}

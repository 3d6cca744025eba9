package io.snaptastic.web;

import static io.snaptastic.web.WebTestSupport.BEARER;
import static io.snaptastic.web.WebTestSupport.PROBLEM_JSON;
import static io.snaptastic.web.WebTestSupport.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.problem.AgentException;
import io.snaptastic.problem.ProblemType;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The one place that tests how each failure is answered: every {@link AgentException}, every
 * exception Spring MVC raises and anything unexpected, with the status, type and title of its
 * {@link ProblemType}. Controller tests do not repeat these mappings.
 */
@WebMvcTest(controllers = ProblemTestController.class, properties = WebTestSupport.TOKEN_PROPERTY)
@Import(WebTestSupport.class)
class ApiExceptionHandlerTests {

    /** Types no exception through the handler answers with, and the test that covers each. */
    static final Set<ProblemType> ANSWERED_ELSEWHERE = EnumSet.of(
            ProblemType.UNAUTHORIZED, // the token filter: answersARequestWithoutTheTokenUnauthorized
            ProblemType.AGENT_STOPPED); // only an interrupted operation's error: OperationsTests, RecoveryKillTests

    @Autowired
    MockMvc mvc;

    @Autowired
    ProblemTestController controller;

    static Stream<Arguments> failures() {
        return AgentFailures.all().map(failure -> Arguments.of(
                Named.of(failure.exception().getClass().getSimpleName(), failure.exception()), failure.type()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void answersEachFailureWithItsProblem(Exception failure, ProblemType type) throws Exception {
        fail(failure).andExpect(problem(type)).andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void answersARequestWithoutTheTokenUnauthorized() throws Exception {
        mvc.perform(get("/test/failure")).andExpect(problem(ProblemType.UNAUTHORIZED));
    }

    @Test
    void everyProblemTypeHasACase() {
        Set<ProblemType> tested = AgentFailures.all().map(AgentFailures.Failure::type)
                .collect(Collectors.toCollection(() -> EnumSet.copyOf(ANSWERED_ELSEWHERE)));

        assertThat(EnumSet.complementOf(EnumSet.copyOf(tested))).as("problem types without a case").isEmpty();
    }

    @Test
    void everyAgentExceptionHasACase() {
        Set<String> tested = AgentFailures.all().map(failure -> failure.exception().getClass().getName())
                .collect(Collectors.toSet());
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(AgentException.class));

        Set<String> all = scanner.findCandidateComponents("io.snaptastic").stream().map(BeanDefinition::getBeanClassName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(all).as("the scan finds the agent's exceptions").contains(AgentFailures.UNKNOWN_SNAPSHOTTER);
        assertThat(all).as("agent exceptions without a case in AgentFailures").isSubsetOf(tested);
    }

    @Test
    void listsEveryVolumeProblemInErrors() throws Exception {
        fail(AgentFailures.invalidVolumes())
                .andExpect(jsonPath("$.errors[0]").value("volumes[0].device: bad"))
                .andExpect(jsonPath("$.errors[1]").value("volumes[1].size: bad"));
    }

    @Test
    void namesTheRunningOperationInAConflict() throws Exception {
        fail(AgentFailures.conflict()).andExpect(jsonPath("$.operationId").value("op-1"));
    }

    @Test
    void namesTheFirstOperationWhenAnIdempotencyKeyIsReused() throws Exception {
        fail(AgentFailures.idempotencyKeyReused()).andExpect(jsonPath("$.operationId").value("op-2"));
    }

    @Test
    void keepsTheAwsCodeAndAsksToRetryWhenThrottled() throws Exception {
        fail(AgentFailures.throttled())
                .andExpect(jsonPath("$.awsCode").value("RequestLimitExceeded"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
    }

    @ParameterizedTest
    @MethodSource("io.snaptastic.web.AgentFailures#internal")
    void neverShowsAnInternalFailuresMessage(Exception failure) throws Exception {
        fail(failure)
                .andExpect(jsonPath("$.detail").value("internal error, see the agent's log"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("/var/lib"))))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void answersProblemJsonEvenWhenTheClientAcceptsOnlyHtml() throws Exception {
        controller.raise(AgentFailures.unknownSnapshotter());

        mvc.perform(get("/test/failure").header(HttpHeaders.AUTHORIZATION, BEARER).accept("text/html"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM_JSON));
    }

    private ResultActions fail(Exception failure) throws Exception {
        controller.raise(failure);
        return mvc.perform(get("/test/failure").header(HttpHeaders.AUTHORIZATION, BEARER));
    }
}

package io.snaptastic.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a controller or Spring MVC raises into an RFC 9457
 * {@code application/problem+json} answer with a stable type. Extending Spring's handler keeps its
 * status codes and headers (Allow, Accept) for the framework's own exceptions.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DomainProblems problems;

    ApiExceptionHandler(DomainProblems problems) {
        this.problems = problems;
    }

    /** The agent's own exceptions, and anything unexpected (500 with a generic detail). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleAgentException(Exception failure, WebRequest request) {
        ProblemDetail problem = problems.describe(failure);
        logIfInternal(problem, failure, request);
        return answer(problem, new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = RequestProblems.describe(failure, status, body);
        logIfInternal(problem, failure, request);
        return answer(problem, headers);
    }

    static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        all.addAll(headers);
        // Set, not negotiated: the answer is problem+json whatever the client's Accept says.
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == 503) {
            all.set(HttpHeaders.RETRY_AFTER, "5");
        }
        return ResponseEntity.status(problem.getStatus()).headers(all).body(problem);
    }

    private static void logIfInternal(ProblemDetail problem, Exception failure, WebRequest request) {
        if (DomainProblems.isInternal(problem)) {
            log.error("{} failed", request.getDescription(false), failure);
        } else if (problem.getStatus() >= 500) {
            log.warn("{} failed: {}", request.getDescription(false), failure.getMessage());
        } else {
            log.debug("{} answered {}: {}", request.getDescription(false), problem.getStatus(), problem.getDetail());
        }
    }
}

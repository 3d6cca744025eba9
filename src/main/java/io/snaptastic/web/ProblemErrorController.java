package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error page ({@code /error}) with a problem, in place of Boot's
 * whitelabel page and JSON: errors raised in filters, or sent with {@code sendError}, look like every
 * other error answer.
 */
@Hidden // the container's error page, not part of the API
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final DomainProblems problems;

    ProblemErrorController(DomainProblems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Throwable failure = unwrap((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem;
        if (failure != null && isClientError(status)) {
            // The container refused the request itself (Tomcat's BadRequestException for a malformed
            // chunked body): the client's fault, so one line at WARN and no stack trace to flood the log.
            if (request.getAttribute(RequestBodyLimitFilter.REFUSAL_LOGGED) == null) {
                log.warn("{} refused with {}: {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), status,
                        failure.toString());
            }
            problem = forStatus((Integer) status);
        } else if (failure != null) {
            problem = problems.describe(failure);
            if (DomainProblems.isInternal(problem)) {
                log.error("{} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), failure);
            }
        } else if (status instanceof Integer code) {
            problem = forStatus(code);
        } else {
            // Asked for directly, not forwarded by the container.
            problem = ProblemType.NOT_FOUND.problem("nothing is served at this path");
        }
        return ApiExceptionHandler.answer(problem, new HttpHeaders());
    }

    private static boolean isClientError(Object status) {
        return status instanceof Integer code && code >= 400 && code < 500;
    }

    static ProblemDetail forStatus(int code) {
        if (code == 400) {
            return ProblemType.MALFORMED_REQUEST.problem("the request cannot be read: a malformed body or chunked encoding");
        }
        return ProblemType.forStatus(code)
                .map(type -> type.problem(code >= 500 ? DomainProblems.INTERNAL_DETAIL : defaultDetail(code)))
                .orElseGet(() -> ProblemDetail.forStatus(code));
    }

    private static String defaultDetail(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        return status == null ? "the request failed" : status.getReasonPhrase();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof ServletException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

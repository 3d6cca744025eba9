package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report, as a problem: a request Tomcat refuses before any filter or servlet runs
 * (an encoded slash, a dot-dot above the root: CoyoteAdapter's "Invalid URI") is answered by the
 * host's ErrorReportValve, which would write an HTML page. It gets the same problem+json as the
 * error page ({@link ProblemErrorController}), and says nothing of the path.
 */
final class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    private final ProblemWriter problems;

    ProblemReportValve(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As ErrorReportValve.report: errors only, once, and never over an answer already begun.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        log.debug("Tomcat refused {} with {}", request.getRequestURI(), status);
        try {
            response.resetBuffer(); // a body Tomcat may have buffered for its own page
            problems.write(response.getResponse(), problem(status));
        } catch (IOException | IllegalStateException e) {
            log.debug("could not answer the refused request: {}", e.toString());
        }
    }

    private static ProblemDetail problem(int status) {
        return status == 400
                ? ProblemType.MALFORMED_REQUEST.problem("the request was refused before it was read: its path holds an "
                        + "encoded slash or a dot-dot above the root, or a header is malformed")
                : ProblemErrorController.forStatus(status);
    }
}

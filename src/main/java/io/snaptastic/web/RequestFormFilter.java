package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the request forms that Spring MVC would quietly reinterpret or fail on with a 500: path
 * parameters ({@code DELETE /mounts/solr;jsessionid=1} is routed as {@code /mounts/solr}, because
 * Spring strips everything after a ';' in a path segment before it matches a handler), and a
 * Content-Type that is a wildcard ({@code *}{@code /*}, {@code application/*}), which Spring's
 * {@code HttpHeaders.setContentType} rejects with an IllegalArgumentException deep in the body reading.
 */
class RequestFormFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    RequestFormFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            problems.write(response, ProblemType.MALFORMED_REQUEST.problem(
                    "path parameters (';' in the path) are not accepted"));
            return;
        }
        Optional<String> contentTypeProblem = contentTypeProblem(request.getContentType());
        if (contentTypeProblem.isPresent()) {
            problems.write(response, ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(contentTypeProblem.get()));
            return;
        }
        chain.doFilter(request, response);
    }

    static Optional<String> contentTypeProblem(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return Optional.of("Content-Type must name one media type, not a wildcard; send application/json");
            }
            return Optional.empty();
        } catch (InvalidMediaTypeException e) {
            return Optional.of("Content-Type cannot be parsed; send application/json");
        }
    }
}

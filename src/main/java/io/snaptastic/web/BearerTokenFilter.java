package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through when it is open ({@link OpenPaths}) or carries {@code Authorization: Bearer}
 * with the API token; answers 401 with a problem otherwise (RFC 6750).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String SCHEME = "bearer ";

    private final ApiToken token;
    private final ProblemWriter problems;

    BearerTokenFilter(ApiToken token, ProblemWriter problems) {
        this.token = token;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (OpenPaths.permits(request)) {
            chain.doFilter(request, response);
            return;
        }
        String presented = presentedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.matches(presented)) {
            chain.doFilter(request, response);
            return;
        }
        if (presented == null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"snaptastic\"");
            problems.write(response, ProblemType.UNAUTHORIZED.problem(
                    "this request needs 'Authorization: Bearer <token>'; the token is in the agent's token file"));
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"snaptastic\", error=\"invalid_token\"");
            problems.write(response, ProblemType.UNAUTHORIZED.problem("the bearer token is not valid"));
        }
    }

    private static String presentedToken(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return null;
        }
        return authorization.substring(SCHEME.length()).strip();
    }
}

package io.snaptastic.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Test-only: fails in the filter chain, outside any controller, when a request asks it to. */
@Component
class FailingTestFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Test-Fail-In-Filter";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HEADER) != null) {
            throw new IllegalStateException("failed in a filter at /var/lib/snaptastic/secret");
        }
        chain.doFilter(request, response);
    }
}

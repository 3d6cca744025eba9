package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No endpoint of the agent reads a body on GET or HEAD (RFC 9110 section 9.3.1: content in a GET
 * request has no defined meaning), so such a request is refused before anything reads it. On the
 * management port this matters most: a malformed chunked body would otherwise fail in Tomcat's input
 * and be answered by the child context's own error page, in Boot's JSON rather than a problem. Listed
 * in {@code META-INF/spring/…ManagementContextConfiguration.imports} for the management server's child
 * context; the component scan finds it for the API's server, as it does {@link BearerTokenConfiguration}.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class ReadRequestConfiguration {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> readsTakeNoBody(ProblemWriter problems) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
                boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
                if (read && body) {
                    response.setHeader("Connection", "close");
                    problems.write(response, ProblemType.MALFORMED_REQUEST.problem(
                            "the management endpoints are read with " + request.getMethod() + " and take no request body"));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(BearerTokenConfiguration.ORDER - 5);
        return registration;
    }
}

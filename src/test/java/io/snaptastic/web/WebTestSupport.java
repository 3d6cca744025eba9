package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} slice needs of the web layer besides its controller: the error mapping,
 * the token filter and the body size limit. Slices set {@code snaptastic.security.token} to {@link #TOKEN}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({WebConfiguration.class, BearerTokenConfiguration.class})
public class WebTestSupport {

    public static final String TOKEN = "test-token-0123456789abcdef";
    public static final String TOKEN_PROPERTY = "snaptastic.security.token=" + TOKEN;
    public static final String BEARER = "Bearer " + TOKEN;
    public static final String PROBLEM_JSON = "application/problem+json";

    /** The type URI of a problem slug. */
    public static String type(String slug) {
        return ProblemType.BASE + slug;
    }
}

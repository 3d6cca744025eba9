package io.snaptastic.web;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.snaptastic.problem.ProblemType;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.ResultMatcher;

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

    /** An {@code application/problem+json} answer of this type: its status, type URI and title. */
    public static ResultMatcher problem(ProblemType type) {
        List<ResultMatcher> matchers = List.of(
                status().is(type.status().value()),
                content().contentType(PROBLEM_JSON),
                jsonPath("$.type").value(type.uri().toString()),
                jsonPath("$.title").value(type.title()),
                jsonPath("$.status").value(type.status().value()));
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }
}

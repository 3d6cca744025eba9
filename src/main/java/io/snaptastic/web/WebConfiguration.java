package io.snaptastic.web;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.OperationProblem;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** The API's error mapping, token and request size limit. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SnaptasticProperties.class, ApiProperties.class})
class WebConfiguration {

    /** After the token check, so unauthenticated bodies are never read. */
    static final int BODY_LIMIT_ORDER = BearerTokenConfiguration.ORDER + 10;

    @Bean
    DomainProblems domainProblems() {
        return new DomainProblems();
    }

    /** Failed operations carry the same problem an error answer would. */
    @Bean
    FailureDescriber failureDescriber(DomainProblems problems) {
        return failure -> {
            ProblemDetail problem = problems.describe(failure);
            return new OperationProblem(problem.getType(), problem.getTitle(), problem.getDetail());
        };
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper mapper) {
        return new ProblemWriter(mapper);
    }

    @Bean
    ApiToken apiToken(SnaptasticProperties properties, Environment environment) {
        SnaptasticProperties.Security security = properties.security();
        Path file = security.tokenFile() != null ? security.tokenFile() : properties.stateDir().resolve("token");
        return ApiTokenSource.load(security.token(), file, ListenAddresses.exposed(environment));
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            ApiProperties api, ProblemWriter problems) {
        int limit = (int) Math.min(Integer.MAX_VALUE - 1, api.maxBodySize().toBytes());
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit, problems));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }
}

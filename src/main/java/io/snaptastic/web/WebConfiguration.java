package io.snaptastic.web;

import io.snaptastic.config.SnaptasticProperties;
import io.snaptastic.operation.FailureDescriber;
import io.snaptastic.operation.OperationProblem;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

/** The API's error mapping, token and request size limit. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SnaptasticProperties.class, ApiProperties.class})
class WebConfiguration {

    /** After the token check, so unauthenticated bodies are never read. */
    static final int BODY_LIMIT_ORDER = BearerTokenConfiguration.ORDER + 10;

    /** After the token check and before the body is read. */
    static final int REQUEST_FORM_ORDER = BearerTokenConfiguration.ORDER + 5;

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
    FilterRegistrationBean<RequestFormFilter> requestFormFilter(ProblemWriter problems) {
        FilterRegistrationBean<RequestFormFilter> registration = new FilterRegistrationBean<>(new RequestFormFilter(problems));
        registration.setOrder(REQUEST_FORM_ORDER);
        return registration;
    }

    /**
     * Request bodies are read strictly: a repeated key ({@code {"dryRun":true,"dryRun":false}}) is an
     * error rather than "last one wins", and a scalar of the wrong JSON type ({@code "dryRun": 1} or
     * {@code "true"}, {@code "snapshotter": 12}) is refused rather than coerced: a request that means
     * two things runs neither. ALLOW_COERCION_OF_SCALARS covers text to boolean and number; text
     * fields take numbers and booleans unless their coercion config says otherwise (Jackson's
     * CoercionConfigs).
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
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

package io.snaptastic.web;

import io.snaptastic.problem.ProblemResponses;
import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description springdoc serves at {@code /v3/api-docs} (and {@code /swagger-ui.html}), which
 * must equal the reviewed {@code api.yaml}: title, server, the bearer token scheme, and the problems
 * each endpoint answers with.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    private static final String DESCRIPTION = """
            Backs up and restores the EBS volumes of the instance the agent runs on: the seed's commands \
            as HTTP endpoints.

            - Requests that change something, and `GET /checks` and `/operations`, need \
            `Authorization: Bearer <token>` (the token is in `/var/lib/snaptastic/token` unless configured). \
            Reading snapshotters, mounts, volumes and snapshots needs none.
            - Long operations (mount, unmount, snapshot) answer `202 Accepted` with \
            `Location: /operations/{id}`; with `?wait=SECONDS` (up to 900) the request blocks that long and \
            answers `200` with the finished operation. One operation runs per snapshotter at a time; a second \
            is `409`. An `Idempotency-Key` header makes a retried request return the first request's operation.
            - Errors are RFC 9457 `application/problem+json` with a stable `type` URI; the `Problem` schema \
            lists every type.""";

    @Bean
    OpenAPI snaptasticOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Snaptastic agent API").version("v1").description(DESCRIPTION))
                // Fixed, not the address a request came in on, so the served description equals api.yaml.
                .servers(List.of(new Server().url("http://127.0.0.1:8168")
                        .description("The agent on its instance (server.address and server.port)")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The token from snaptastic.security.token or the agent's token file"))
                        .addSchemas(ProblemDescriptions.SCHEMA, ProblemDescriptions.schema())
                        .examples(ProblemDescriptions.examples()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Each endpoint's own problems, and those any request body or parameter may cause. */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            Set<ProblemType> types = new LinkedHashSet<>();
            ProblemResponses declared = handler.getMethodAnnotation(ProblemResponses.class);
            if (declared != null) {
                types.addAll(List.of(declared.value()));
            }
            if (operation.getRequestBody() != null) {
                types.addAll(List.of(ProblemType.MALFORMED_REQUEST, ProblemType.VALIDATION_FAILED,
                        ProblemType.PAYLOAD_TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE));
            }
            if (operation.getParameters() != null
                    && operation.getParameters().stream().anyMatch(OpenApiConfiguration::canBeMalformed)) {
                types.add(ProblemType.MALFORMED_REQUEST);
            }
            types.add(ProblemType.INTERNAL);
            ProblemDescriptions.addResponses(operation, types);
            return operation;
        };
    }

    /** A required query parameter can be missing, and a number or boolean can fail to parse; text cannot. */
    private static boolean canBeMalformed(Parameter parameter) {
        Schema<?> schema = parameter.getSchema();
        String type = schema == null ? null : schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && schema.getTypes().size() == 1 ? schema.getTypes().iterator().next() : null;
        return (Boolean.TRUE.equals(parameter.getRequired()) && "query".equals(parameter.getIn())) || !"string".equals(type);
    }

    /** Which endpoints need the token, decided by the same rule the token filter applies. */
    @Bean
    OpenApiCustomizer tokenRequirements() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (OpenPaths.permits(method.name(), path)) {
                operation.setSecurity(List.of());
            } else {
                ProblemDescriptions.addResponses(operation, List.of(ProblemType.UNAUTHORIZED));
            }
        }));
    }
}

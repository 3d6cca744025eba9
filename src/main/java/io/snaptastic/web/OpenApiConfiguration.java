package io.snaptastic.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description springdoc serves at {@code /v3/api-docs} (and {@code /swagger-ui.html}): title,
 * and the bearer token scheme that mutating endpoints require.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI snaptasticOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Snaptastic agent API")
                        .version("v1")
                        .description("Backs up and restores the EBS volumes of the instance the agent runs on. "
                                + "Errors are RFC 9457 application/problem+json; long operations answer 202 with "
                                + "Location: /operations/{id}."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("The token from snaptastic.security.token or the agent's token file")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}

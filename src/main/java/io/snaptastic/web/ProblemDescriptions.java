package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API description of errors: the {@code Problem} schema, whose {@code type} lists every
 * {@link ProblemType} with its meaning, and an operation's error responses with one example per type.
 */
final class ProblemDescriptions {

    static final String SCHEMA = "Problem";
    static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private ProblemDescriptions() {}

    @SuppressWarnings("rawtypes")
    static Schema schema() {
        String types = Arrays.stream(ProblemType.values())
                .map(type -> "- `" + type.uri() + "` (" + type.status().value() + "): " + type.meaning())
                .collect(Collectors.joining("\n"));
        return new ObjectSchema()
                .description("An RFC 9457 problem. Clients switch on `type`, never on `title` or `detail`.")
                .addProperty("type", new StringSchema().format("uri")
                        ._enum(Arrays.stream(ProblemType.values()).map(type -> type.uri().toString()).toList())
                        .description("What went wrong:\n" + types))
                .addProperty("title", new StringSchema().description("The type's title, the same for every problem of the type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong this time, for people"))
                .addProperty("instance", new StringSchema().format("uri").description("The request's path"))
                .addProperty("errors", new ArraySchema().items(new StringSchema())
                        .description("Every invalid value (validation-failed, invalid-volumes)"))
                .addProperty("operationId", new StringSchema().description(
                        "The running operation (conflict), or the one the Idempotency-Key started (idempotency-key-reused)"))
                .addProperty("awsCode", new StringSchema().description("EC2's error code (ec2-* types)"))
                .required(List.of("type", "title", "status"));
    }

    /** One example per type, for {@code components.examples}, named by the type's slug. */
    static Map<String, Example> examples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemType type : ProblemType.values()) {
            examples.put(type.slug(), new Example().summary(type.title()).value(example(type)));
        }
        return examples;
    }

    /** Adds the types to the operation's responses: one response per status, naming each type and its example. */
    static void addResponses(Operation operation, Collection<ProblemType> types) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        for (ProblemType type : types) {
            String status = String.valueOf(type.status().value());
            ApiResponse response = operation.getResponses().computeIfAbsent(status, code -> new ApiResponse());
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            MediaType problem = response.getContent().computeIfAbsent(MEDIA_TYPE,
                    media -> new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
            problem.addExamples(type.slug(), new Example().$ref("#/components/examples/" + type.slug()));
            response.setDescription("Problem types: " + problem.getExamples().keySet().stream().sorted()
                    .map(slug -> "`" + slug + "`").collect(Collectors.joining(", ")));
        }
    }

    private static Map<String, Object> example(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri().toString());
        example.put("title", type.title());
        example.put("status", type.status().value());
        example.put("detail", type.meaning());
        return example;
    }
}

package io.snaptastic.web;

import io.snaptastic.operation.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes, on an endpoint that starts an operation, the two controls it takes (the Idempotency-Key
 * header and the wait parameter) and its two answers: 200 finished, 202 still running.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, description = OperationResponses.IDEMPOTENCY_KEY_DOC)
@Parameter(name = "wait", in = ParameterIn.QUERY, description = OperationResponses.WAIT_DOC, schema = @Schema(type = "integer",
        format = "int32", defaultValue = "0", minimum = "0", maximum = "900"))
@ApiResponse(responseCode = "200", description = OperationResponses.FINISHED_DOC)
@ApiResponse(responseCode = "202", description = OperationResponses.ACCEPTED_DOC, headers = @Header(name = "Location",
        description = "/operations/{id}", schema = @Schema(type = "string")),
        content = @Content(schema = @Schema(implementation = Operation.class)))
public @interface OperationAnswers {}

package io.snaptastic.web;

import io.snaptastic.problem.ProblemType;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Problems for the exceptions Spring MVC raises before a controller runs (unreadable body, wrong
 * method, media type, parameter). Details are written here, never copied from the exception: Spring's
 * and Jackson's messages name Java classes and methods.
 */
final class RequestProblems {

    private RequestProblems() {}

    static ProblemDetail describe(Exception failure, HttpStatusCode status, Object springBody) {
        if (failure instanceof HttpMessageNotReadableException unreadable) {
            return ProblemType.MALFORMED_REQUEST.problem(unreadableDetail(unreadable));
        }
        if (failure instanceof MethodArgumentNotValidException invalid) {
            return validationFailed(invalid.getBindingResult().getAllErrors());
        }
        if (failure instanceof HandlerMethodValidationException invalid) {
            return validationFailed(invalid.getAllErrors());
        }
        if (failure instanceof TypeMismatchException mismatch) {
            return ProblemType.MALFORMED_REQUEST.problem("'" + mismatch.getPropertyName() + "' must be of type "
                    + (mismatch.getRequiredType() == null ? "?" : mismatch.getRequiredType().getSimpleName()));
        }
        if (failure instanceof NoResourceFoundException || failure instanceof NoHandlerFoundException) {
            return ProblemType.NOT_FOUND.problem("nothing is served at this path");
        }
        if (failure instanceof HttpRequestMethodNotSupportedException method) {
            return ProblemType.METHOD_NOT_ALLOWED.problem("method " + method.getMethod() + " is not allowed here"
                    + (method.getSupportedMethods() == null ? "" : "; allowed: " + String.join(", ", method.getSupportedMethods())));
        }
        if (failure instanceof HttpMediaTypeNotSupportedException mediaType) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("Content-Type " + mediaType.getContentType()
                    + " is not supported; send " + mediaType.getSupportedMediaTypes());
        }
        if (failure instanceof HttpMediaTypeNotAcceptableException) {
            return ProblemType.NOT_ACCEPTABLE.problem("the answer cannot be given in an accepted media type; accept application/json");
        }
        if (failure instanceof MaxUploadSizeExceededException) {
            return ProblemType.PAYLOAD_TOO_LARGE.problem("the request body is too large");
        }
        if (status.is5xxServerError()) {
            ProblemType type = status.value() == 503 ? ProblemType.UNAVAILABLE : ProblemType.INTERNAL;
            return type.problem(DomainProblems.INTERNAL_DETAIL);
        }
        ProblemType type = ProblemType.forStatus(status.value()).orElse(ProblemType.MALFORMED_REQUEST);
        ProblemDetail spring = springBody instanceof ProblemDetail body ? body
                : failure instanceof ErrorResponse response ? response.getBody() : null;
        return type.problem(spring != null && spring.getDetail() != null ? spring.getDetail() : "the request is not valid");
    }

    private static ProblemDetail validationFailed(List<? extends MessageSourceResolvable> errors) {
        List<String> messages = errors.stream().map(RequestProblems::message).toList();
        ProblemDetail problem = ProblemType.VALIDATION_FAILED.problem(
                "the request has " + messages.size() + " invalid value(s), listed in errors");
        problem.setProperty("errors", messages);
        return problem;
    }

    private static String message(MessageSourceResolvable error) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() + ": " : "";
        return field + error.getDefaultMessage();
    }

    private static String unreadableDetail(HttpMessageNotReadableException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException) {
                return "the JSON body is nested too deeply or holds a value that is too long";
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "unknown property '" + path(unknown) + "'";
            }
            if (cause instanceof MismatchedInputException mismatch) {
                String path = path(mismatch);
                return path.isEmpty() ? "the body has the wrong shape (expected a JSON object)"
                        : "'" + path + "' has the wrong type or format";
            }
            if (cause instanceof StreamReadException malformed && isDuplicate(malformed)) {
                return "a property appears more than once" + location(malformed) + "; send each once";
            }
            if (cause instanceof StreamReadException malformed) {
                return "the body is not well-formed JSON" + location(malformed);
            }
        }
        return "the request needs a JSON body";
    }

    /** Jackson's strict duplicate detection (JsonReadContext) says so only in its message. */
    private static boolean isDuplicate(StreamReadException failure) {
        String message = failure.getOriginalMessage();
        return message != null && message.startsWith("Duplicate Object property");
    }

    private static String location(StreamReadException failure) {
        return failure.getLocation() == null ? ""
                : " (line " + failure.getLocation().getLineNr() + ", column " + failure.getLocation().getColumnNr() + ")";
    }

    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() > 200 ? path.substring(0, 200) + "…" : path.toString();
    }
}

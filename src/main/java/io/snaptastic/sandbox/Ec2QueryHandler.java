package io.snaptastic.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC2 Query API: a form with {@code Action} (POST body or query string) in, XML out, EC2's error
 * envelope on failure. Signatures are accepted unchecked: the endpoint only listens on loopback.
 */
final class Ec2QueryHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Ec2QueryHandler.class);
    private static final int MAX_BODY = 1 << 20;

    private final Map<String, QueryAction> actions;
    private final FaultInjector faults;

    Ec2QueryHandler(Map<String, QueryAction> actions, FaultInjector faults) {
        this.actions = Map.copyOf(actions);
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = Ids.request();
        try (exchange) {
            String xml;
            int status = 200;
            try {
                xml = answer(exchange, requestId);
            } catch (Ec2Error e) {
                status = e.status();
                xml = XmlWriter.error(e.code(), e.getMessage(), requestId);
            } catch (RuntimeException e) {
                log.error("sandbox: request {} failed", requestId, e);
                status = 500;
                xml = XmlWriter.error("InternalError", "An internal error has occurred", requestId);
            }
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String answer(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("POST") && !method.equals("GET")) {
            throw Ec2Error.client("InvalidHttpRequest", "The EC2 endpoint takes POST (or GET) requests");
        }
        String form = method.equals("POST") ? body(exchange.getRequestBody()) : "";
        String query = exchange.getRequestURI().getRawQuery();
        QueryParams params = QueryParams.parse(query == null ? form : form.isEmpty() ? query : form + "&" + query);
        String action = params.get("Action").filter(name -> !name.isEmpty())
                .orElseThrow(() -> Ec2Error.client("MissingAction", "The request must contain the parameter Action"));
        QueryAction handler = actions.get(action);
        if (handler == null) {
            throw Ec2Error.client("InvalidAction", "The action " + action + " is not valid for this web service.");
        }
        log.debug("sandbox: {} {}", action, requestId);
        long arrived = faults.arrival();
        try {
            faults.beforeAction(action);
            if (params.bool("DryRun", false)) {
                throw new Ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
            }
            String xml = handler.handle(params, requestId);
            faults.afterAction(action);
            return xml;
        } finally {
            faults.holdAnswer(action, arrived);
        }
    }

    private static String body(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw Ec2Error.client("InvalidRequest", "The request body is larger than " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

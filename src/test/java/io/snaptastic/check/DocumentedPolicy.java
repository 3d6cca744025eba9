package io.snaptastic.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The least-privilege policy as docs/iam-policy.md prints it (its first {@code json} block), read from
 * that page so the document and the tests that run under it cannot drift apart.
 */
record DocumentedPolicy(Map<String, Object> document) {

    private static final Path PAGE = Path.of("docs/iam-policy.md");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    static DocumentedPolicy read() throws IOException {
        String page = Files.readString(PAGE);
        int section = page.indexOf("# IAM policy\n");
        int start = page.indexOf("```json\n", section);
        int end = page.indexOf("\n```", start + 1);
        if (section < 0 || start < 0 || end < 0) {
            throw new IllegalStateException(PAGE + " has no ```json block under \"# IAM policy\"");
        }
        return new DocumentedPolicy(JSON.readValue(page.substring(start + "```json\n".length(), end), Map.class));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> statements() {
        return (List<Map<String, Object>>) document.get("Statement");
    }

    /** Every action any statement allows. */
    List<String> actions() {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : statements()) {
            actions.addAll(strings(statement.get("Action")));
        }
        return actions;
    }

    /** The same policy with this action taken out of every statement (statements left empty dropped). */
    DocumentedPolicy without(String action) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> statement : statements()) {
            List<String> actions = new ArrayList<>(strings(statement.get("Action")));
            actions.remove(action);
            if (!actions.isEmpty()) {
                Map<String, Object> copy = new LinkedHashMap<>(statement);
                copy.put("Action", actions);
                kept.add(copy);
            }
        }
        return withStatements(kept);
    }

    /**
     * The same actions and conditions, each on Resource {@code "*"}: moto 5.2.1 authorizes an EC2 request
     * against the resource {@code "*"} only (moto/core/responses.py, call_action; EC2's responses name no
     * resource), so an ARN pattern never matches there. It skips a condition for which the request carries no
     * value (moto/iam/policy_conditions.py, verify_condition), which is every EC2 condition key.
     */
    DocumentedPolicy asMotoEvaluatesIt() {
        List<Map<String, Object>> widened = new ArrayList<>();
        for (Map<String, Object> statement : statements()) {
            Map<String, Object> copy = new LinkedHashMap<>(statement);
            copy.put("Resource", "*");
            widened.add(copy);
        }
        return withStatements(widened);
    }

    String json() {
        return JSON.writeValueAsString(document);
    }

    private DocumentedPolicy withStatements(List<Map<String, Object>> statements) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put("Statement", statements);
        return new DocumentedPolicy(copy);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of((String) value);
    }
}

package io.snaptastic.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of a Describe call, by {@code MaxResults} and an opaque {@code NextToken}. */
record Page<T>(List<T> items, String nextToken) {

    private static final String PREFIX = "sandbox-offset:";

    /**
     * Cuts the page out of {@code all}. {@code MaxResults} must lie within {@code min..max}, and
     * cannot be combined with explicit ids, as in EC2.
     */
    static <T> Page<T> of(List<T> all, QueryParams params, int min, int max, boolean idsGiven) {
        Integer maxResults = params.integer("MaxResults").orElse(null);
        if (maxResults != null && idsGiven) {
            throw Ec2Error.combination("The parameter MaxResults cannot be used with a list of ids");
        }
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2Error.invalidValue("Value ( " + maxResults + " ) for parameter maxResults is invalid. Expect a number between "
                    + min + " and " + max + ".");
        }
        int from = params.get("NextToken").filter(token -> !token.isEmpty()).map(Page::offset).orElse(0);
        if (from > all.size()) {
            from = all.size();
        }
        int to = maxResults == null ? all.size() : Math.min(all.size(), from + maxResults);
        String next = to < all.size() ? token(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw Ec2Error.invalidValue("Invalid value '" + token + "' for nextToken");
    }
}

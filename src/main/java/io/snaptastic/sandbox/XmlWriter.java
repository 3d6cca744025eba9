package io.snaptastic.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** Writes EC2's XML answers: elements in order, text escaped, null values left out. */
final class XmlWriter {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    /** A response document {@code <ActionResponse xmlns=…><requestId>…</requestId>…}. */
    static XmlWriter response(String action, String requestId) {
        XmlWriter xml = new XmlWriter();
        xml.out.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
        xml.open.push(action + "Response");
        xml.element("requestId", requestId);
        return xml;
    }

    /** EC2's error envelope, which has no namespace. */
    static String error(String code, String message, String requestId) {
        XmlWriter xml = new XmlWriter();
        return xml.start("Response").start("Errors").start("Error")
                .element("Code", code).element("Message", message)
                .end().end().element("RequestID", requestId).finish();
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    XmlWriter element(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>');
            escape(value instanceof Instant instant ? timestamp(instant) : value.toString());
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** Closes every open element and returns the document. */
    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString().replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped: write them as U+FFFD.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}

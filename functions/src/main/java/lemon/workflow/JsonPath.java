package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JsonPath subset ASL reference paths need: {@code $}, {@code $.a.b}, {@code $.a[0]},
 * {@code $['a b']}, and {@code $$.x} for the context object. Wildcards, filters, slices and
 * recursive descent are rejected, so a definition never silently means something else here.
 */
final class JsonPath {
    private final String text;
    private final boolean context;
    private final List<Object> segments; // String field names and Integer array indexes

    private JsonPath(String text, boolean context, List<Object> segments) {
        this.text = text;
        this.context = context;
        this.segments = segments;
    }

    static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new AslException("'" + text + "' is not a JsonPath (must start with '$')");
        }
        boolean context = text.startsWith("$$");
        List<Object> segments = new ArrayList<>();
        int i = context ? 2 : 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.contains("*") || name.contains("(") || name.contains("@")) {
                    throw unsupported(text);
                }
                segments.add(name);
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw unsupported(text);
                }
                String inside = text.substring(i + 1, close);
                if (inside.matches("\\d+")) {
                    segments.add(Integer.parseInt(inside));
                } else if (inside.length() >= 2
                        && inside.startsWith("'")
                        && inside.endsWith("'")
                        && !inside.substring(1, inside.length() - 1).contains("'")) {
                    segments.add(inside.substring(1, inside.length() - 1));
                } else {
                    throw unsupported(text);
                }
                i = close + 1;
            } else {
                throw unsupported(text);
            }
        }
        return new JsonPath(text, context, List.copyOf(segments));
    }

    private static AslException unsupported(String text) {
        return new AslException(
                "JsonPath '" + text + "' is not supported: only $, $$, .name, ['name'] and [index] steps are");
    }

    boolean isContext() {
        return context;
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** A ResultPath: names only, and about the state's data, not the context object. */
    boolean isWritable() {
        return !context && segments.stream().allMatch(s -> s instanceof String);
    }

    Optional<JsonNode> read(JsonNode root) {
        JsonNode node = root;
        for (Object segment : segments) {
            if (node == null) {
                return Optional.empty();
            }
            node = segment instanceof Integer index
                    ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) segment) : null);
        }
        return Optional.ofNullable(node);
    }

    /** A copy of {@code root} with {@code value} at this path, creating missing objects on the way. */
    JsonNode write(JsonNode root, JsonNode value) throws StateError {
        if (segments.isEmpty()) {
            return value;
        }
        if (!root.isObject()) {
            throw StateError.runtime("ResultPath '" + text + "' cannot be applied: the state input is not an object");
        }
        ObjectNode copy = root.deepCopy();
        ObjectNode node = copy;
        for (int i = 0; i < segments.size() - 1; i++) {
            String name = (String) segments.get(i);
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                node = node.putObject(name);
            } else if (child.isObject()) {
                node = (ObjectNode) child;
            } else {
                throw StateError.runtime(
                        "ResultPath '" + text + "' cannot be applied: '" + name + "' is not an object");
            }
        }
        node.set((String) segments.get(segments.size() - 1), value);
        return copy;
    }

    @Override
    public String toString() {
        return text;
    }
}

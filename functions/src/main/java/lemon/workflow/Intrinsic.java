package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The intrinsic functions a payload template may call in a {@code "key.$"} field, as far as the
 * workflow needs them: {@code States.Array} (a container command with the run id in it) and
 * {@code States.Format}. Arguments are 'strings' (escapes \' \{ \} \\), numbers, true/false/null,
 * paths ($.x, $$.x) and nested calls. Parsed once at load time; unknown functions are rejected there.
 */
final class Intrinsic {
    static final Set<String> SUPPORTED = Set.of("States.Array", "States.Format");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One argument: exactly one of literal, path, call is set. */
    record Arg(JsonNode literal, JsonPath path, Intrinsic call) {}

    final String name;
    final List<Arg> args;

    private Intrinsic(String name, List<Arg> args) {
        this.name = name;
        this.args = List.copyOf(args);
    }

    /** The name before '(' of an expression that starts with "States.", for messages. */
    static String nameOf(String expression) {
        int open = expression.indexOf('(');
        return (open < 0 ? expression : expression.substring(0, open)).strip();
    }

    static Intrinsic parse(String expression) {
        Parser p = new Parser(expression);
        Intrinsic call = p.call();
        p.skipSpaces();
        if (p.pos != expression.length()) {
            throw p.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    JsonNode evaluate(Resolver paths) throws StateError {
        List<JsonNode> values = new ArrayList<>();
        for (Arg a : args) {
            values.add(
                    a.literal() != null
                            ? a.literal()
                            : a.call() != null ? a.call().evaluate(paths) : paths.read(a.path()));
        }
        boolean format = name.equals("States.Format");
        for (int i = format ? 1 : 0; i < values.size(); i++) {
            if (args.get(i).literal() != null && values.get(i).isTextual()) {
                values.set(i, NODES.textNode(unescapeBraces(values.get(i).asText())));
            }
        }
        if (!format) {
            ArrayNode out = NODES.arrayNode();
            values.forEach(v -> out.add(v.deepCopy()));
            return out;
        }
        // States.Format: the template, then one value per {}
        if (values.isEmpty() || !values.get(0).isTextual()) {
            throw StateError.runtime("States.Format needs a string template as its first argument");
        }
        String template = values.get(0).asText();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\'
                    && i + 1 < template.length()
                    && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '}')) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= values.size()) {
                    throw StateError.runtime("States.Format has more {} than arguments");
                }
                JsonNode v = values.get(next++);
                out.append(v.isValueNode() ? v.asText() : v.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw StateError.runtime("States.Format has more arguments than {}");
        }
        return NODES.textNode(out.toString());
    }

    static String unescapeBraces(String s) {
        return s.replace("\\{", "{").replace("\\}", "}");
    }

    /** How a path argument is read: from the state's effective input or the context object. */
    @FunctionalInterface
    interface Resolver {
        JsonNode read(JsonPath path) throws StateError;
    }

    private static final class Parser {
        final String text;
        int pos;

        Parser(String text) {
            this.text = text;
        }

        AslException error(String message) {
            return new AslException("intrinsic function '" + text + "': " + message + " (at " + pos + ")");
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Intrinsic call() {
            skipSpaces();
            int open = text.indexOf('(', pos);
            if (open < 0) {
                throw error("'(' is missing");
            }
            String name = text.substring(pos, open).strip();
            if (!SUPPORTED.contains(name)) {
                throw new AslException("intrinsic function (" + name + ") is not supported; only "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()) + " are");
            }
            pos = open + 1;
            List<Arg> args = new ArrayList<>();
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ')') {
                pos++;
                return new Intrinsic(name, args);
            }
            while (true) {
                args.add(arg());
                skipSpaces();
                if (pos >= text.length()) {
                    throw error("')' is missing");
                }
                char c = text.charAt(pos++);
                if (c == ')') {
                    return new Intrinsic(name, args);
                }
                if (c != ',') {
                    throw error("expected ',' or ')'");
                }
            }
        }

        Arg arg() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("an argument is missing");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return new Arg(NODES.textNode(string()), null, null);
            }
            if (text.startsWith("States.", pos)) {
                return new Arg(null, null, call());
            }
            int end = pos;
            while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ')') {
                end++;
            }
            String token = text.substring(pos, end).strip();
            pos = end;
            if (token.startsWith("$")) {
                return new Arg(null, JsonPath.parse(token), null);
            }
            switch (token) {
                case "true":
                    return new Arg(NODES.booleanNode(true), null, null);
                case "false":
                    return new Arg(NODES.booleanNode(false), null, null);
                case "null":
                    return new Arg(NODES.nullNode(), null, null);
                default:
                    break;
            }
            if (token.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                try {
                    return new Arg(AslStateMachine.JSON.readTree(token), null, null); // the node JSON would give
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw error("'" + token + "' is not a number");
                }
            }
            throw error("'" + token + "' is not a string, number, boolean, null, path or call");
        }

        String string() {
            StringBuilder out = new StringBuilder();
            pos++; // opening quote
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    if (escaped == '{' || escaped == '}') {
                        out.append('\\'); // kept, so States.Format can tell \{ from a placeholder
                    }
                    out.append(escaped);
                } else if (c == '\'') {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw error("unterminated string");
        }
    }
}

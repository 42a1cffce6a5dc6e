package lemon.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed and validated Amazon States Language definition (JSONPath query language), restricted to
 * what {@link LocalWorkflowRunner} can execute. Everything else is rejected here, at load time, with
 * an {@link AslException} naming the state and field, rather than misbehaving half-way through a run.
 */
public final class AslStateMachine {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Direct Lambda ARN of one of our functions, {@code <prefix>-<function>}: the prefix is "lemon" or
     * still Terraform's {@code ${name_prefix}} placeholder, as region and account may be.
     */
    private static final Pattern LAMBDA_ARN = Pattern.compile(
            "^arn:aws:lambda:[^:]+:[^:]+:function:(?:lemon|\\$\\{name_prefix\\})-([a-z0-9][a-z0-9-]*)$");
    /** Run a container task and wait for it: what the engine stages use on AWS. */
    static final String ECS_RUN_TASK_SYNC = "arn:aws:states:::ecs:runTask.sync";

    private static final Pattern FUNCTION_NAME = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    private static final Set<String> TOP_FIELDS =
            Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private static final Map<String, Set<String>> STATE_FIELDS = Map.of(
            "Task",
                    Set.of(
                            "Resource",
                            "Parameters",
                            "ResultSelector",
                            "ResultPath",
                            "InputPath",
                            "OutputPath",
                            "Retry",
                            "Catch",
                            "TimeoutSeconds",
                            "HeartbeatSeconds",
                            "Next",
                            "End"),
            "Pass", Set.of("Result", "ResultPath", "Parameters", "InputPath", "OutputPath", "Next", "End"),
            "Choice", Set.of("Choices", "Default", "InputPath", "OutputPath"),
            "Wait", Set.of("Seconds", "SecondsPath", "InputPath", "OutputPath", "Next", "End"),
            "Succeed", Set.of("InputPath", "OutputPath"),
            "Fail", Set.of("Error", "Cause"),
            "Map",
                    Set.of(
                            "ItemProcessor",
                            "Iterator",
                            "ItemsPath",
                            "ItemSelector",
                            "Parameters",
                            "MaxConcurrency",
                            "ResultSelector",
                            "ResultPath",
                            "InputPath",
                            "OutputPath",
                            "Retry",
                            "Catch",
                            "Next",
                            "End"));
    private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");

    /** Fields that are valid ASL but deliberately not implemented, with the reason given to the user. */
    private static final Map<String, String> UNSUPPORTED_FIELDS = Map.ofEntries(
            Map.entry("Arguments", "JSONata fields are not supported (use Parameters)"),
            Map.entry("Output", "JSONata fields are not supported (use OutputPath/ResultSelector)"),
            Map.entry("Items", "JSONata fields are not supported (use ItemsPath)"),
            Map.entry("Assign", "workflow variables are not supported"),
            Map.entry("ItemReader", "Distributed Map is not supported"),
            Map.entry("ItemBatcher", "Distributed Map is not supported"),
            Map.entry("ResultWriter", "Distributed Map is not supported"),
            Map.entry("ToleratedFailureCount", "Distributed Map is not supported"),
            Map.entry("ToleratedFailurePercentage", "Distributed Map is not supported"),
            Map.entry("ToleratedFailureCountPath", "Distributed Map is not supported"),
            Map.entry("ToleratedFailurePercentagePath", "Distributed Map is not supported"),
            Map.entry("Label", "Distributed Map is not supported"),
            Map.entry("MaxConcurrencyPath", "is not supported"),
            Map.entry("ErrorPath", "is not supported (use Error)"),
            Map.entry("CausePath", "is not supported (use Cause)"),
            Map.entry("Timestamp", "is not supported (use Seconds)"),
            Map.entry("TimestampPath", "is not supported (use SecondsPath)"),
            Map.entry("TimeoutSecondsPath", "is not supported"),
            Map.entry("HeartbeatSecondsPath", "is not supported"),
            Map.entry("Credentials", "is not supported"));

    static final Set<String> COMPARISONS = Set.of(
            "StringEquals",
            "StringLessThan",
            "StringGreaterThan",
            "StringLessThanEquals",
            "StringGreaterThanEquals",
            "NumericEquals",
            "NumericLessThan",
            "NumericGreaterThan",
            "NumericLessThanEquals",
            "NumericGreaterThanEquals",
            "BooleanEquals");
    static final Set<String> TYPE_TESTS = Set.of("IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean");

    /** A retry policy, with the ASL defaults filled in; {@code fullJitter} is JitterStrategy FULL. */
    record Retrier(
            List<String> errorEquals,
            double intervalSeconds,
            int maxAttempts,
            double backoffRate,
            Double maxDelaySeconds,
            boolean fullJitter) {}

    /**
     * Where an ecs:runTask.sync Task names its stage: {@code Parameters.Overrides.ContainerOverrides[override]}
     * has a Command whose element {@code stageArg} is the literal "stage", followed by the function
     * name and the run id, as the engine image's entry point {@code lemon stage <function> <runId>} reads them.
     */
    record ContainerCommand(int override, int stageArg) {}

    /** {@code resultPath} null means ResultPath: null (keep the input, drop the error). */
    record Catcher(List<String> errorEquals, String next, JsonPath resultPath) {}

    /**
     * One validated state; {@code function} is set for Task states, {@code container} too for
     * ecs:runTask.sync Tasks, {@code processor} for Map states.
     */
    record State(
            String name,
            String type,
            JsonNode def,
            String function,
            ContainerCommand container,
            AslStateMachine processor,
            List<Retrier> retriers,
            List<Catcher> catchers) {
        /** The path in {@code field}: "$" when absent, null when the field is JSON null. */
        JsonPath path(String field) {
            JsonNode value = def.get(field);
            if (value == null) {
                return JsonPath.parse("$");
            }
            return value.isNull() ? null : JsonPath.parse(value.asText());
        }

        String next() {
            JsonNode next = def.get("Next");
            return next == null ? null : next.asText();
        }
    }

    private final String where; // "" at top level, " (in Map 'X')" inside a Map processor
    private final String startAt;
    private final Map<String, State> states = new LinkedHashMap<>();

    private AslStateMachine(JsonNode root, String where, boolean top) {
        this.where = where;
        if (root == null || !root.isObject()) {
            throw new AslException("State machine definition" + where + " must be a JSON object");
        }
        Set<String> allowed = top ? TOP_FIELDS : PROCESSOR_FIELDS;
        root.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new AslException("State machine" + where + ": field '" + f + "' is not supported");
            }
        });
        JsonNode ql = root.get("QueryLanguage");
        if (ql != null && !"JSONPath".equals(ql.asText())) {
            throw new AslException(
                    "State machine: QueryLanguage '" + ql.asText() + "' is not supported; only JSONPath is");
        }
        JsonNode processorConfig = root.get("ProcessorConfig");
        if (processorConfig != null
                && processorConfig.has("Mode")
                && !"INLINE".equals(processorConfig.get("Mode").asText())) {
            throw new AslException("State machine" + where + ": ProcessorConfig.Mode '"
                    + processorConfig.get("Mode").asText() + "' is not supported; only INLINE Map is");
        }
        JsonNode start = root.get("StartAt");
        if (start == null || !start.isTextual()) {
            throw new AslException("State machine" + where + ": StartAt is missing");
        }
        this.startAt = start.asText();
        JsonNode statesNode = root.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new AslException("State machine" + where + ": States is missing or empty");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            states.put(e.getKey(), parseState(e.getKey(), e.getValue()));
        }
        if (!states.containsKey(startAt)) {
            throw new AslException("State machine" + where + ": StartAt '" + startAt + "' is not a state");
        }
        checkTransitions();
    }

    public static AslStateMachine parse(String json) {
        try {
            return new AslStateMachine(JSON.readTree(json), "", true);
        } catch (JsonProcessingException e) {
            throw new AslException("State machine definition is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static AslStateMachine load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (AslException e) {
            throw new AslException(file + ": " + e.getMessage());
        }
    }

    public String startAt() {
        return startAt;
    }

    /** Top-level state names in document order. */
    public Set<String> stateNames() {
        return Collections.unmodifiableSet(states.keySet());
    }

    public String stateType(String name) {
        State s = states.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No state '" + name + "'");
        }
        return s.type();
    }

    /** Task state name → function name ("analyze-story"), including Tasks inside Map processors. */
    public Map<String, String> taskFunctions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (State s : taskStates()) out.put(s.name(), s.function());
        return out;
    }

    /** The functions Task states run as container tasks (ecs:runTask.sync), not as Lambdas. */
    public java.util.Set<String> containerFunctions() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (State s : taskStates()) if (s.container() != null) out.add(s.function());
        return out;
    }

    /** Every Task state, those inside Map processors included, in file order. */
    private java.util.List<State> taskStates() {
        java.util.List<State> out = new java.util.ArrayList<>();
        for (State s : states.values()) {
            if (s.function() != null) out.add(s);
            if (s.processor() != null) out.addAll(s.processor().taskStates());
        }
        return out;
    }

    State state(String name) {
        return states.get(name);
    }

    // ---------------------------------------------------------------- validation

    private AslException error(String state, String field, String message) {
        return new AslException(
                "State '" + state + "'" + where + (field == null ? "" : ", field " + field) + ": " + message);
    }

    private State parseState(String name, JsonNode def) {
        if (!def.isObject()) {
            throw error(name, null, "must be a JSON object");
        }
        JsonNode typeNode = def.get("Type");
        if (typeNode == null) {
            throw error(name, "Type", "is missing");
        }
        String type = typeNode.asText();
        if (type.equals("Parallel")) {
            throw error(name, "Type", "Parallel states are not supported by the local runner");
        }
        Set<String> allowed = STATE_FIELDS.get(type);
        if (allowed == null) {
            throw error(name, "Type", "unknown state type '" + type + "'");
        }
        def.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f) && !COMMON_FIELDS.contains(f)) {
                String reason = UNSUPPORTED_FIELDS.get(f);
                throw error(name, f, reason != null ? reason : "is not allowed in a " + type + " state");
            }
        });
        JsonNode ql = def.get("QueryLanguage");
        if (ql != null && !"JSONPath".equals(ql.asText())) {
            throw error(name, "QueryLanguage", "'" + ql.asText() + "' is not supported; only JSONPath is");
        }
        checkNextOrEnd(name, type, def);
        for (String f : List.of("InputPath", "OutputPath", "ItemsPath", "SecondsPath")) {
            checkPath(name, f, def.get(f), false);
        }
        checkPath(name, "ResultPath", def.get("ResultPath"), true);
        for (String f : List.of("Parameters", "ItemSelector", "ResultSelector")) {
            if (def.has(f)) {
                checkTemplate(name, f, def.get(f));
            }
        }
        String function = null;
        ContainerCommand container = null;
        AslStateMachine processor = null;
        switch (type) {
            case "Task" -> {
                checkTimeouts(name, def);
                if (def.has("Resource")
                        && ECS_RUN_TASK_SYNC.equals(def.get("Resource").asText())) {
                    container = containerCommand(name, def.get("Parameters"));
                    function = stageOf(name, def.get("Parameters"), container);
                } else {
                    function = functionOf(name, def.get("Resource"));
                }
            }
            case "Choice" -> checkChoice(name, def);
            case "Wait" -> checkWait(name, def);
            case "Fail" -> {
                for (String f : List.of("Error", "Cause")) {
                    if (def.has(f) && !def.get(f).isTextual()) {
                        throw error(name, f, "must be a string");
                    }
                }
            }
            case "Map" -> {
                JsonNode mc = def.get("MaxConcurrency");
                if (mc != null && (!mc.canConvertToInt() || !mc.isIntegralNumber() || mc.asInt() < 0)) {
                    throw error(name, "MaxConcurrency", "must be a non-negative integer (0: no limit)");
                }
                processor = processorOf(name, def);
            }
            default -> {}
        }
        return new State(name, type, def, function, container, processor, retriers(name, def), catchers(name, def));
    }

    private void checkNextOrEnd(String name, String type, JsonNode def) {
        boolean hasNext = def.has("Next");
        boolean end = def.has("End");
        if (end && !def.get("End").asBoolean(false)) {
            throw error(name, "End", "must be true when present");
        }
        if (type.equals("Choice") || type.equals("Succeed") || type.equals("Fail")) {
            return; // their field sets exclude Next/End already
        }
        if (hasNext == end) {
            throw error(name, null, hasNext ? "has both Next and End" : "needs either Next or \"End\": true");
        }
        if (hasNext && !def.get("Next").isTextual()) {
            throw error(name, "Next", "must be a state name");
        }
    }

    private void checkPath(String state, String field, JsonNode value, boolean writable) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw error(state, field, "must be a JsonPath string or null");
        }
        try {
            JsonPath path = JsonPath.parse(value.asText());
            if (writable && !path.isWritable()) {
                throw error(state, field, "'" + value.asText() + "' must be a path of field names under $");
            }
        } catch (AslException e) {
            if (e.getMessage().startsWith("State '")) {
                throw e;
            }
            throw error(state, field, e.getMessage());
        }
    }

    /** Payload templates: every "key.$" value must be a supported JsonPath (no intrinsic functions). */
    private void checkTemplate(String state, String field, JsonNode template) {
        if (template.isObject()) {
            template.fields().forEachRemaining(e -> {
                if (e.getKey().endsWith(".$")) {
                    String path = e.getValue().asText();
                    if (!e.getValue().isTextual()) {
                        throw error(state, field, "'" + e.getKey() + "' must be a JsonPath string");
                    }
                    if (path.startsWith("States.")) {
                        if (!Intrinsic.SUPPORTED.contains(Intrinsic.nameOf(path))) {
                            throw error(
                                    state,
                                    field,
                                    "'" + e.getKey() + "' uses an intrinsic function ("
                                            + Intrinsic.nameOf(path) + "), which is not supported; only "
                                            + String.join(
                                                    ", ",
                                                    Intrinsic.SUPPORTED.stream()
                                                            .sorted()
                                                            .toList()) + " are");
                        }
                        try {
                            Intrinsic.parse(path);
                        } catch (AslException bad) {
                            throw error(state, field + "." + e.getKey(), bad.getMessage());
                        }
                        return;
                    }
                    checkPath(state, field + "." + e.getKey(), e.getValue(), false);
                } else {
                    checkTemplate(state, field, e.getValue());
                }
            });
        } else if (template.isArray()) {
            template.forEach(item -> checkTemplate(state, field, item));
        }
    }

    private String functionOf(String name, JsonNode resource) {
        if (resource == null || !resource.isTextual()) {
            throw error(name, "Resource", "is missing");
        }
        String arn = resource.asText();
        if (arn.startsWith("arn:aws:states:::")) {
            throw error(
                    name,
                    "Resource",
                    "'" + arn + "': service integrations are not supported except " + ECS_RUN_TASK_SYNC
                            + "; use the function ARN arn:aws:lambda:<region>:<account>:function:${name_prefix}-<name>");
        }
        Matcher m = LAMBDA_ARN.matcher(arn);
        if (!m.matches()) {
            throw error(
                    name,
                    "Resource",
                    "'" + arn + "' is not a Lambda ARN of the form "
                            + "arn:aws:lambda:<region>:<account>:function:${name_prefix}-<name> (or lemon-<name>)");
        }
        return m.group(1);
    }

    /** TimeoutSeconds and HeartbeatSeconds: positive integers, the heartbeat shorter than the timeout. */
    private void checkTimeouts(String name, JsonNode def) {
        for (String f : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
            JsonNode v = def.get(f);
            if (v != null && (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1)) {
                throw error(name, f, "must be a positive integer");
            }
        }
        if (def.has("HeartbeatSeconds")
                && def.has("TimeoutSeconds")
                && def.get("HeartbeatSeconds").asInt()
                        >= def.get("TimeoutSeconds").asInt()) {
            throw error(name, "HeartbeatSeconds", "must be smaller than TimeoutSeconds");
        }
    }

    /**
     * The container override whose Command runs a stage: either a literal array or
     * {@code "Command.$": "States.Array('stage', '<function>', $.runId)"}.
     */
    private ContainerCommand containerCommand(String name, JsonNode parameters) {
        String usage = "an " + ECS_RUN_TASK_SYNC + " Task needs Parameters.Overrides.ContainerOverrides with a "
                + "Command such as \"Command.$\": \"States.Array('stage', '<function>', $.runId)\"";
        JsonNode overrides =
                parameters == null ? null : parameters.path("Overrides").get("ContainerOverrides");
        if (overrides == null || !overrides.isArray()) {
            throw error(name, "Parameters", usage);
        }
        for (int i = 0; i < overrides.size(); i++) {
            List<String> args = literalCommand(overrides.get(i));
            int stage = args.indexOf("stage");
            if (stage >= 0) {
                return new ContainerCommand(i, stage);
            }
        }
        throw error(name, "Parameters", usage);
    }

    /** The command's elements, null where one is only known at run time. */
    private static List<String> literalCommand(JsonNode override) {
        List<String> out = new ArrayList<>();
        if (override.path("Command").isArray()) {
            override.get("Command").forEach(a -> out.add(a.isTextual() ? a.asText() : null));
        } else if (override.path("Command.$").isTextual()
                && override.get("Command.$").asText().startsWith("States.")) {
            Intrinsic call = Intrinsic.parse(override.get("Command.$").asText());
            if (call.name.equals("States.Array")) {
                call.args.forEach(a -> out.add(
                        a.literal() != null && a.literal().isTextual()
                                ? a.literal().asText()
                                : null));
            }
        }
        return out;
    }

    private String stageOf(String name, JsonNode parameters, ContainerCommand c) {
        List<String> args = literalCommand(
                parameters.get("Overrides").get("ContainerOverrides").get(c.override()));
        String function = c.stageArg() + 1 < args.size() ? args.get(c.stageArg() + 1) : null;
        if (function == null || !FUNCTION_NAME.matcher(function).matches()) {
            throw error(
                    name,
                    "Parameters",
                    "the container Command must name the stage function literally "
                            + "right after 'stage' (e.g. 'generate-portraits')");
        }
        return function;
    }

    private void checkWait(String name, JsonNode def) {
        boolean seconds = def.has("Seconds");
        if (seconds == def.has("SecondsPath")) {
            throw error(name, null, "needs exactly one of Seconds or SecondsPath");
        }
        if (seconds
                && (!def.get("Seconds").canConvertToInt() || def.get("Seconds").asInt() < 0)) {
            throw error(name, "Seconds", "must be a non-negative integer");
        }
    }

    private AslStateMachine processorOf(String name, JsonNode def) {
        boolean modern = def.has("ItemProcessor");
        if (modern == def.has("Iterator")) {
            throw error(name, null, "needs exactly one of ItemProcessor or Iterator");
        }
        if (def.has("ItemSelector") && def.has("Parameters")) {
            throw error(name, null, "has both ItemSelector and Parameters");
        }
        try {
            return new AslStateMachine(
                    def.get(modern ? "ItemProcessor" : "Iterator"), " (in Map '" + name + "')", false);
        } catch (AslException e) {
            throw e.getMessage().startsWith("State")
                    ? e
                    : error(name, modern ? "ItemProcessor" : "Iterator", e.getMessage());
        }
    }

    private void checkChoice(String name, JsonNode def) {
        JsonNode choices = def.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw error(name, "Choices", "must be a non-empty array");
        }
        for (JsonNode rule : choices) {
            if (!rule.has("Next") || !rule.get("Next").isTextual()) {
                throw error(name, "Choices", "every top-level rule needs Next");
            }
            checkRule(name, rule, true);
        }
    }

    private void checkRule(String name, JsonNode rule, boolean top) {
        if (!rule.isObject()) {
            throw error(name, "Choices", "a rule must be an object");
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("Variable") || f.equals("Comment") || (top && f.equals("Next"))) {
                continue;
            }
            String base = f.endsWith("Path") ? f.substring(0, f.length() - 4) : f;
            if (f.equals("And")
                    || f.equals("Or")
                    || f.equals("Not")
                    || TYPE_TESTS.contains(f)
                    || COMPARISONS.contains(base)) {
                operators.add(f);
            } else if (f.startsWith("String")
                    || f.startsWith("Timestamp")
                    || f.startsWith("Numeric")
                    || f.startsWith("Boolean")
                    || f.startsWith("Is")) {
                throw error(name, "Choices", "operator '" + f + "' is not supported by the local runner");
            } else {
                throw error(name, "Choices", "unknown field '" + f + "' in a rule");
            }
        }
        if (operators.size() != 1) {
            throw error(name, "Choices", "a rule needs exactly one operator, found " + operators);
        }
        String op = operators.get(0);
        JsonNode value = rule.get(op);
        switch (op) {
            case "And", "Or" -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw error(name, "Choices", op + " must be a non-empty array of rules");
                }
                value.forEach(r -> checkRule(name, r, false));
            }
            case "Not" -> checkRule(name, value, false);
            default -> {
                if (!rule.has("Variable")) {
                    throw error(name, "Choices", "rule with " + op + " needs Variable");
                }
                checkPath(name, "Choices.Variable", rule.get("Variable"), false);
                if (op.endsWith("Path")) {
                    checkPath(name, "Choices." + op, value, false);
                } else if (TYPE_TESTS.contains(op) || op.startsWith("Boolean")) {
                    requireType(name, op, value.isBoolean(), "a boolean");
                } else if (op.startsWith("Numeric")) {
                    requireType(name, op, value.isNumber(), "a number");
                } else {
                    requireType(name, op, value.isTextual(), "a string");
                }
            }
        }
        if (!top && rule.has("Next")) {
            throw error(name, "Choices", "nested rules must not have Next");
        }
    }

    private void requireType(String name, String op, boolean ok, String what) {
        if (!ok) {
            throw error(name, "Choices", op + " must be " + what);
        }
    }

    private List<Retrier> retriers(String name, JsonNode def) {
        JsonNode retry = def.get("Retry");
        if (retry == null) {
            return List.of();
        }
        if (!retry.isArray()) {
            throw error(name, "Retry", "must be an array");
        }
        List<Retrier> out = new ArrayList<>();
        for (int i = 0; i < retry.size(); i++) {
            JsonNode r = retry.get(i);
            String field = "Retry[" + i + "]";
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("JitterStrategy")
                        && Set.of("NONE", "FULL").contains(r.get(f).asText())) {
                    continue;
                }
                if (!Set.of(
                                "ErrorEquals",
                                "IntervalSeconds",
                                "MaxAttempts",
                                "BackoffRate",
                                "MaxDelaySeconds",
                                "Comment")
                        .contains(f)) {
                    throw error(name, field + "." + f, "is not supported");
                }
            }
            List<String> errors = errorEquals(name, field, r, i == retry.size() - 1);
            double interval = r.path("IntervalSeconds").asDouble(1);
            int attempts = r.path("MaxAttempts").asInt(3);
            double backoff = r.path("BackoffRate").asDouble(2.0);
            if (interval < 1 || attempts < 0 || backoff < 1.0) {
                throw error(name, field, "needs IntervalSeconds >= 1, MaxAttempts >= 0, BackoffRate >= 1.0");
            }
            Double maxDelay =
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").asDouble() : null;
            if (maxDelay != null && maxDelay < 1) {
                throw error(name, field + ".MaxDelaySeconds", "must be a positive integer");
            }
            out.add(new Retrier(
                    errors,
                    interval,
                    attempts,
                    backoff,
                    maxDelay,
                    "FULL".equals(r.path("JitterStrategy").asText())));
        }
        return List.copyOf(out);
    }

    private List<Catcher> catchers(String name, JsonNode def) {
        JsonNode c = def.get("Catch");
        if (c == null) {
            return List.of();
        }
        if (!c.isArray()) {
            throw error(name, "Catch", "must be an array");
        }
        List<Catcher> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            JsonNode catcher = c.get(i);
            String field = "Catch[" + i + "]";
            for (Iterator<String> it = catcher.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!Set.of("ErrorEquals", "Next", "ResultPath", "Comment").contains(f)) {
                    throw error(name, field + "." + f, "is not supported");
                }
            }
            List<String> errors = errorEquals(name, field, catcher, i == c.size() - 1);
            if (!catcher.has("Next") || !catcher.get("Next").isTextual()) {
                throw error(name, field + ".Next", "is missing");
            }
            checkPath(name, field + ".ResultPath", catcher.get("ResultPath"), true);
            JsonNode rp = catcher.get("ResultPath");
            JsonPath resultPath = rp == null ? JsonPath.parse("$") : rp.isNull() ? null : JsonPath.parse(rp.asText());
            out.add(new Catcher(errors, catcher.get("Next").asText(), resultPath));
        }
        return List.copyOf(out);
    }

    private List<String> errorEquals(String name, String field, JsonNode node, boolean last) {
        JsonNode e = node.get("ErrorEquals");
        if (e == null || !e.isArray() || e.isEmpty()) {
            throw error(name, field + ".ErrorEquals", "must be a non-empty array of error names");
        }
        List<String> errors = new ArrayList<>();
        e.forEach(x -> errors.add(x.asText()));
        if (errors.contains("States.ALL") && (errors.size() > 1 || !last)) {
            throw error(name, field + ".ErrorEquals", "States.ALL must appear alone and in the last entry");
        }
        return List.copyOf(errors);
    }

    /** Every transition target exists, and every state is reachable from StartAt. */
    private void checkTransitions() {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(startAt));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!reached.add(name)) {
                continue;
            }
            for (Map.Entry<String, String> t : targets(states.get(name)).entrySet()) {
                if (!states.containsKey(t.getValue())) {
                    throw error(name, t.getKey(), "target '" + t.getValue() + "' is not a state");
                }
                todo.push(t.getValue());
            }
        }
        for (String name : states.keySet()) {
            if (!reached.contains(name)) {
                throw error(name, null, "is not reachable from StartAt '" + startAt + "'");
            }
        }
    }

    /** Field (for messages) → target state name. */
    private static Map<String, String> targets(State s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.next() != null) {
            out.put("Next", s.next());
        }
        if (s.def().has("Default")) {
            out.put("Default", s.def().get("Default").asText());
        }
        JsonNode choices = s.def().get("Choices");
        if (choices != null) {
            for (int i = 0; i < choices.size(); i++) {
                out.put("Choices[" + i + "].Next", choices.get(i).get("Next").asText());
            }
        }
        for (int i = 0; i < s.catchers().size(); i++) {
            out.put("Catch[" + i + "].Next", s.catchers().get(i).next());
        }
        return out;
    }
}

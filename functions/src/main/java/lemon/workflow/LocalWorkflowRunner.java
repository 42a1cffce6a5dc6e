package lemon.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import lemon.workflow.AslStateMachine.Catcher;
import lemon.workflow.AslStateMachine.Retrier;
import lemon.workflow.AslStateMachine.State;
import lemon.workflow.ExecutionResult.StateRun;
import lemon.workflow.ExecutionResult.Status;

/**
 * Executes an {@link AslStateMachine} in-process, one state at a time, with Step Functions semantics
 * for input/output processing, Choice, Map (sequential), Retry and Catch. Tasks go to a
 * {@link TaskDispatcher}; waits and retry back-off go to an injectable {@link Sleeper}.
 * Not thread-safe: use one runner per concurrent execution.
 */
public final class LocalWorkflowRunner {
    /** Error name of an execution stopped by the transition limit (not catchable). */
    public static final String TRANSITION_LIMIT = "Lemon.TransitionLimitExceeded";

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AslStateMachine machine;
    private final TaskDispatcher dispatcher;
    private final ExecutionListener listener;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private LongSupplier clock = System::currentTimeMillis;
    private int maxTransitions = 10_000;

    // per execution
    private List<StateRun> history;
    private int transitions;
    private ObjectNode execution;

    public LocalWorkflowRunner(AslStateMachine machine, TaskDispatcher dispatcher, ExecutionListener listener) {
        this.machine = Objects.requireNonNull(machine);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.listener = listener == null ? ExecutionListener.NONE : listener;
    }

    public LocalWorkflowRunner withSleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    public LocalWorkflowRunner withClock(LongSupplier millis) {
        this.clock = Objects.requireNonNull(millis);
        return this;
    }

    /** States entered per execution (Map iterations included) before it fails with {@link #TRANSITION_LIMIT}. */
    public LocalWorkflowRunner withMaxTransitions(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxTransitions must be positive");
        }
        this.maxTransitions = max;
        return this;
    }

    public ExecutionResult run(JsonNode input) {
        history = new ArrayList<>();
        transitions = 0;
        JsonNode in = input == null ? NODES.objectNode() : input;
        String name = UUID.randomUUID().toString();
        execution = NODES.objectNode();
        execution.put("Id", "arn:local:states:execution:lemon:" + name);
        execution.put("Name", name);
        execution.set("Input", in.deepCopy());
        execution.put("StartTime", Instant.ofEpochMilli(clock.getAsLong()).toString());
        try {
            JsonNode output = runMachine(machine, in);
            return new ExecutionResult(Status.SUCCEEDED, output, null, null, history);
        } catch (StateError e) {
            return new ExecutionResult(Status.FAILED, null, e.error, e.cause, history);
        }
    }

    /** Result of one state: its output and the next state (null when the machine ends here). */
    private record Step(JsonNode output, String next, StateError caught) {}

    private JsonNode runMachine(AslStateMachine m, JsonNode input) throws StateError {
        String current = m.startAt();
        JsonNode data = input;
        while (true) {
            if (++transitions > maxTransitions) {
                throw new StateError(TRANSITION_LIMIT, "more than " + maxTransitions
                        + " state transitions (entering '" + current + "'); does the workflow loop?", false);
            }
            State s = m.state(current);
            long start = clock.getAsLong();
            listener.stateEntered(s.name(), s.type(), data);
            Step step;
            try {
                step = execute(s, data, start);
            } catch (StateError e) {
                history.add(new StateRun(s.name(), s.type(), start, clock.getAsLong(), e.error));
                listener.stateFailed(s.name(), e.error, e.cause);
                throw e;
            }
            long end = clock.getAsLong();
            if (step.caught() != null) {
                history.add(new StateRun(s.name(), s.type(), start, end, step.caught().error));
                listener.stateFailed(s.name(), step.caught().error, step.caught().cause);
            } else {
                history.add(new StateRun(s.name(), s.type(), start, end, null));
                listener.stateExited(s.name(), step.output(), end - start);
            }
            if (step.next() == null) {
                return step.output();
            }
            current = step.next();
            data = step.output();
        }
    }

    private Step execute(State s, JsonNode raw, long entered) throws StateError {
        return switch (s.type()) {
            case "Pass" -> new Step(pass(s, raw, entered), s.next(), null);
            case "Choice" -> choice(s, raw);
            case "Wait" -> new Step(waitState(s, raw), s.next(), null);
            case "Succeed" -> new Step(outputPath(s, inputPath(s, raw)), null, null);
            case "Fail" -> throw new StateError(s.def().path("Error").asText("States.Fail"),
                    s.def().path("Cause").asText(""), true);
            case "Task", "Map" -> withRetryAndCatch(s, raw, entered);
            default -> throw new IllegalStateException("unvalidated state type " + s.type());
        };
    }

    // ---------------------------------------------------------------- Task and Map, Retry and Catch

    private Step withRetryAndCatch(State s, JsonNode raw, long entered) throws StateError {
        int[] used = new int[s.retriers().size()];
        int retries = 0;
        while (true) {
            try {
                JsonNode out = s.type().equals("Task") ? task(s, raw, entered, retries) : map(s, raw, entered, retries);
                return new Step(out, s.next(), null);
            } catch (StateError e) {
                if (!e.catchable) {
                    throw e;
                }
                int r = firstMatch(s.retriers().stream().map(Retrier::errorEquals).toList(), e.error);
                if (r >= 0 && used[r] < s.retriers().get(r).maxAttempts()) {
                    Retrier retrier = s.retriers().get(r);
                    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), used[r]);
                    if (retrier.maxDelaySeconds() != null) {
                        seconds = Math.min(seconds, retrier.maxDelaySeconds());
                    }
                    used[r]++;
                    retries++;
                    listener.retrying(s.name(), retries, e.error);
                    sleep(Duration.ofMillis(Math.round(seconds * 1000)));
                    continue;
                }
                int c = firstMatch(s.catchers().stream().map(Catcher::errorEquals).toList(), e.error);
                if (c < 0) {
                    throw e;
                }
                Catcher catcher = s.catchers().get(c);
                ObjectNode errorOutput = NODES.objectNode().put("Error", e.error).put("Cause", e.cause);
                JsonNode out = catcher.resultPath() == null ? raw : catcher.resultPath().write(raw, errorOutput);
                return new Step(out, catcher.next(), e);
            }
        }
    }

    /** Index of the first entry whose ErrorEquals matches {@code error}, or -1. */
    private static int firstMatch(List<List<String>> errorEquals, String error) {
        for (int i = 0; i < errorEquals.size(); i++) {
            for (String name : errorEquals.get(i)) {
                // States.TaskFailed matches every error except States.Timeout, as in Step Functions.
                if (name.equals("States.ALL") || name.equals(error)
                        || (name.equals("States.TaskFailed") && !error.equals("States.Timeout"))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private JsonNode task(State s, JsonNode raw, long entered, int retries) throws StateError {
        JsonNode effective = inputPath(s, raw);
        JsonNode context = context(s, entered, retries);
        JsonNode payload = s.def().has("Parameters") ? template(s.def().get("Parameters"), effective, context) : effective;
        JsonNode result;
        try {
            result = dispatcher.invoke(s.function(), payload.deepCopy());
        } catch (Exception e) {
            throw StateError.fromTask(e);
        }
        if (result == null) {
            result = NullNode.getInstance();
        }
        return finish(s, raw, result, context);
    }

    private JsonNode map(State s, JsonNode raw, long entered, int retries) throws StateError {
        JsonNode effective = inputPath(s, raw);
        JsonNode context = context(s, entered, retries);
        JsonPath itemsPath = s.path("ItemsPath");
        JsonNode items = itemsPath == null ? null : itemsPath.read(effective).orElse(null);
        if (items == null || !items.isArray()) {
            throw StateError.runtime("State '" + s.name() + "': ItemsPath '" + itemsPath
                    + "' does not select an array in the input");
        }
        JsonNode selector = s.def().has("ItemSelector") ? s.def().get("ItemSelector") : s.def().get("Parameters");
        ArrayNode results = NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode itemInput = items.get(i);
            if (selector != null) {
                ObjectNode itemContext = ((ObjectNode) context).deepCopy();
                itemContext.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
                itemInput = template(selector, effective, itemContext);
            }
            results.add(runMachine(s.processor(), itemInput));
        }
        return finish(s, raw, results, context);
    }

    /** ResultSelector, ResultPath, OutputPath: shared tail of Task and Map. */
    private JsonNode finish(State s, JsonNode raw, JsonNode result, JsonNode context) throws StateError {
        if (s.def().has("ResultSelector")) {
            result = template(s.def().get("ResultSelector"), result, context);
        }
        return outputPath(s, resultPath(s, raw, result));
    }

    // ---------------------------------------------------------------- Pass, Choice, Wait

    private JsonNode pass(State s, JsonNode raw, long entered) throws StateError {
        JsonNode result;
        if (s.def().has("Result")) {
            result = s.def().get("Result");
        } else {
            JsonNode effective = inputPath(s, raw);
            result = s.def().has("Parameters")
                    ? template(s.def().get("Parameters"), effective, context(s, entered, 0)) : effective;
        }
        return outputPath(s, resultPath(s, raw, result));
    }

    private Step choice(State s, JsonNode raw) throws StateError {
        JsonNode effective = inputPath(s, raw);
        for (JsonNode rule : s.def().get("Choices")) {
            if (matches(s, rule, effective)) {
                return new Step(outputPath(s, effective), rule.get("Next").asText(), null);
            }
        }
        if (s.def().has("Default")) {
            return new Step(outputPath(s, effective), s.def().get("Default").asText(), null);
        }
        throw new StateError("States.NoChoiceMatched",
                "State '" + s.name() + "': no Choices rule matched and there is no Default", true);
    }

    private boolean matches(State s, JsonNode rule, JsonNode input) throws StateError {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(s, r, input)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(s, r, input)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(s, rule.get("Not"), input);
        }
        String variable = rule.get("Variable").asText();
        JsonNode value = read(JsonPath.parse(variable), input, null).orElse(null);
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String op = e.getKey();
            if (op.equals("Variable") || op.equals("Next") || op.equals("Comment")) {
                continue;
            }
            if (op.equals("IsPresent")) {
                return (value != null) == e.getValue().asBoolean();
            }
            if (value == null) {
                throw StateError.runtime("State '" + s.name() + "': Choice Variable '" + variable
                        + "' is not present in the input");
            }
            JsonNode expected = e.getValue();
            if (op.endsWith("Path") && !AslStateMachine.TYPE_TESTS.contains(op)) {
                op = op.substring(0, op.length() - 4);
                String path = expected.asText();
                expected = read(JsonPath.parse(path), input, null).orElseThrow(() -> StateError.runtime(
                        "State '" + s.name() + "': Choice path '" + path + "' is not present in the input"));
            }
            return compare(op, value, expected);
        }
        throw new IllegalStateException("unvalidated Choice rule " + rule);
    }

    /** Type mismatches are simply false, as in Step Functions. */
    private static boolean compare(String op, JsonNode value, JsonNode expected) {
        switch (op) {
            case "IsNull": return value.isNull() == expected.asBoolean();
            case "IsString": return value.isTextual() == expected.asBoolean();
            case "IsNumeric": return value.isNumber() == expected.asBoolean();
            case "IsBoolean": return value.isBoolean() == expected.asBoolean();
            case "BooleanEquals": return value.isBoolean() && expected.isBoolean()
                    && value.asBoolean() == expected.asBoolean();
            default: break;
        }
        int cmp;
        if (op.startsWith("String")) {
            if (!value.isTextual() || !expected.isTextual()) {
                return false;
            }
            cmp = value.asText().compareTo(expected.asText());
            op = op.substring("String".length());
        } else {
            if (!value.isNumber() || !expected.isNumber()) {
                return false;
            }
            cmp = new BigDecimal(value.asText()).compareTo(new BigDecimal(expected.asText()));
            op = op.substring("Numeric".length());
        }
        return switch (op) {
            case "Equals" -> cmp == 0;
            case "LessThan" -> cmp < 0;
            case "GreaterThan" -> cmp > 0;
            case "LessThanEquals" -> cmp <= 0;
            case "GreaterThanEquals" -> cmp >= 0;
            default -> throw new IllegalStateException("unvalidated operator " + op);
        };
    }

    private JsonNode waitState(State s, JsonNode raw) throws StateError {
        JsonNode effective = inputPath(s, raw);
        long seconds;
        if (s.def().has("Seconds")) {
            seconds = s.def().get("Seconds").asLong();
        } else {
            JsonNode v = s.path("SecondsPath").read(effective).orElse(null);
            if (v == null || !v.canConvertToLong() || v.asLong() < 0) {
                throw StateError.runtime("State '" + s.name() + "': SecondsPath '" + s.path("SecondsPath")
                        + "' does not select a non-negative integer");
            }
            seconds = v.asLong();
        }
        sleep(Duration.ofSeconds(seconds));
        return outputPath(s, effective);
    }

    private void sleep(Duration d) throws StateError {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateError("Lemon.Interrupted", "the execution was interrupted", false);
        }
    }

    // ---------------------------------------------------------------- input and output processing

    private static JsonNode inputPath(State s, JsonNode raw) throws StateError {
        JsonPath path = s.path("InputPath");
        if (path == null) {
            return NODES.objectNode(); // InputPath: null passes {}
        }
        return path.read(raw).orElseThrow(() -> StateError.runtime(
                "State '" + s.name() + "': InputPath '" + path + "' does not match the input"));
    }

    private static JsonNode resultPath(State s, JsonNode raw, JsonNode result) throws StateError {
        JsonPath path = s.path("ResultPath");
        return path == null ? raw : path.write(raw, result); // ResultPath: null keeps the input
    }

    private static JsonNode outputPath(State s, JsonNode data) throws StateError {
        JsonPath path = s.path("OutputPath");
        if (path == null) {
            return NODES.objectNode();
        }
        return path.read(data).orElseThrow(() -> StateError.runtime(
                "State '" + s.name() + "': OutputPath '" + path + "' does not match the state output"));
    }

    /** Evaluates a Parameters/ItemSelector/ResultSelector template: "key.$" fields take path values. */
    private static JsonNode template(JsonNode template, JsonNode input, JsonNode context) throws StateError {
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : template) {
                out.add(template(item, input, context));
            }
            return out;
        }
        if (!template.isObject()) {
            return template;
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.endsWith(".$")) {
                String path = e.getValue().asText();
                JsonNode value = read(JsonPath.parse(path), input, context).orElseThrow(() -> StateError.runtime(
                        "The JsonPath '" + path + "' of field '" + key + "' could not be found in the input"));
                out.set(key.substring(0, key.length() - 2), value.deepCopy());
            } else {
                out.set(key, template(e.getValue(), input, context));
            }
        }
        return out;
    }

    private static Optional<JsonNode> read(JsonPath path, JsonNode input, JsonNode context) {
        if (path.isContext()) {
            return context == null ? Optional.empty() : path.read(context);
        }
        return path.read(input);
    }

    /** The minimal context object ($$): Execution, StateMachine, State (and Map.Item in ItemSelector). */
    private ObjectNode context(State s, long entered, int retries) {
        ObjectNode ctx = NODES.objectNode();
        ctx.set("Execution", execution);
        ctx.putObject("StateMachine").put("Id", "arn:local:states:stateMachine:lemon").put("Name", "lemon");
        ctx.putObject("State").put("Name", s.name()).put("EnteredTime", Instant.ofEpochMilli(entered).toString())
                .put("RetryCount", retries);
        return ctx;
    }
}

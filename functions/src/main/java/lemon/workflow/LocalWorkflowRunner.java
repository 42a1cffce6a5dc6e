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
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import lemon.workflow.AslStateMachine.Catcher;
import lemon.workflow.AslStateMachine.Retrier;
import lemon.workflow.AslStateMachine.State;
import lemon.workflow.ExecutionResult.StateRun;
import lemon.workflow.ExecutionResult.Status;

/**
 * Executes an {@link AslStateMachine} in-process, one state at a time, with Step Functions semantics
 * for input/output processing, Choice, Map, Retry and Catch, and a Task's TimeoutSeconds. Tasks go
 * to a {@link TaskDispatcher} (ecs:runTask.sync Tasks too: to the stage their container command
 * names); waits and retry back-off go to an injectable {@link Sleeper}.
 * <p>Map iterations run one after the other unless {@link #withMapConcurrency} allows more; then
 * the dispatcher and the sleeper are called from several threads and must be thread-safe (listener
 * calls are serialised by the runner). Not thread-safe itself: use one runner per concurrent execution.
 */
public final class LocalWorkflowRunner {
    /** Error name of an execution stopped by the transition limit (not catchable). */
    public static final String TRANSITION_LIMIT = "Lemon.TransitionLimitExceeded";
    /** Error name of a Task that ran past its TimeoutSeconds. */
    public static final String TIMEOUT = "States.Timeout";
    /** Error name of an execution whose thread was interrupted (not catchable). */
    public static final String INTERRUPTED = "Lemon.Interrupted";

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Runs Tasks that have a TimeoutSeconds, so that the runner can stop waiting and interrupt them. */
    private static final ExecutorService TASKS = Executors.newCachedThreadPool(daemon("lemon-task"));

    private final AslStateMachine machine;
    private final TaskDispatcher dispatcher;
    private final ExecutionListener listener;
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private LongSupplier clock = System::currentTimeMillis;
    private DoubleSupplier jitter = Math::random;
    private int maxTransitions = 10_000;
    private double timeoutScale = 1.0;
    private int mapThreads = 1;

    // per execution; Map iterations may add from several threads
    private List<StateRun> history;
    private final AtomicInteger transitions = new AtomicInteger();
    private ObjectNode execution;

    public LocalWorkflowRunner(AslStateMachine machine, TaskDispatcher dispatcher, ExecutionListener listener) {
        this.machine = Objects.requireNonNull(machine);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.listener = serialised(listener == null ? ExecutionListener.NONE : listener);
    }

    private static StateError interrupted() {
        return new StateError(INTERRUPTED, "the execution was interrupted", false);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true); // an abandoned task must not keep the JVM alive
            return t;
        };
    }

    /** Listeners are written for one thread; parallel Map iterations take turns calling them. */
    private static ExecutionListener serialised(ExecutionListener l) {
        return new ExecutionListener() {
            @Override
            public synchronized void stateEntered(String name, String type, JsonNode input) {
                l.stateEntered(name, type, input);
            }

            @Override
            public synchronized void stateExited(String name, JsonNode output, long millis) {
                l.stateExited(name, output, millis);
            }

            @Override
            public synchronized void stateFailed(String name, String error, String cause) {
                l.stateFailed(name, error, cause);
            }

            @Override
            public synchronized void retrying(String name, int attempt, String error) {
                l.retrying(name, attempt, error);
            }
        };
    }

    public LocalWorkflowRunner withSleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    public LocalWorkflowRunner withClock(LongSupplier millis) {
        this.clock = Objects.requireNonNull(millis);
        return this;
    }

    /** Uniform [0, 1) draws for JitterStrategy FULL. */
    public LocalWorkflowRunner withJitter(DoubleSupplier random) {
        this.jitter = Objects.requireNonNull(random);
        return this;
    }

    /**
     * Multiplies every TimeoutSeconds: 1 (the default) is real seconds; tests use a small factor so a
     * "1 second" timeout takes milliseconds. Retry intervals and waits are the sleeper's business.
     */
    public LocalWorkflowRunner withTimeoutScale(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("timeout scale must be positive");
        }
        this.timeoutScale = factor;
        return this;
    }

    /**
     * At most this many Map iterations at once (each Map also within its MaxConcurrency). 1, the
     * default, runs them in order on the calling thread; more needs a thread-safe dispatcher and sleeper.
     */
    public LocalWorkflowRunner withMapConcurrency(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("map concurrency must be at least 1");
        }
        this.mapThreads = threads;
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
        history = Collections.synchronizedList(new ArrayList<>());
        transitions.set(0);
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
            if (Thread.currentThread().isInterrupted()) {
                // an abandoned Map iteration, or the caller stopping the run
                throw interrupted();
            }
            if (transitions.incrementAndGet() > maxTransitions) {
                throw new StateError(
                        TRANSITION_LIMIT,
                        "more than " + maxTransitions + " state transitions (entering '" + current
                                + "'); does the workflow loop?",
                        false);
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
            case "Fail" ->
                throw new StateError(
                        s.def().path("Error").asText("States.Fail"),
                        s.def().path("Cause").asText(""),
                        true);
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
                int r = firstMatch(
                        s.retriers().stream().map(Retrier::errorEquals).toList(), e.error);
                if (r >= 0 && used[r] < s.retriers().get(r).maxAttempts()) {
                    Retrier retrier = s.retriers().get(r);
                    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), used[r]);
                    if (retrier.maxDelaySeconds() != null) {
                        seconds = Math.min(seconds, retrier.maxDelaySeconds());
                    }
                    if (retrier.fullJitter()) {
                        seconds *= jitter.getAsDouble();
                    }
                    used[r]++;
                    retries++;
                    listener.retrying(s.name(), retries, e.error);
                    sleep(Duration.ofMillis(Math.round(seconds * 1000)));
                    continue;
                }
                int c = firstMatch(
                        s.catchers().stream().map(Catcher::errorEquals).toList(), e.error);
                if (c < 0) {
                    throw e;
                }
                Catcher catcher = s.catchers().get(c);
                ObjectNode errorOutput =
                        NODES.objectNode().put("Error", e.error).put("Cause", e.cause);
                JsonNode out = catcher.resultPath() == null
                        ? raw
                        : catcher.resultPath().write(raw, errorOutput);
                return new Step(out, catcher.next(), e);
            }
        }
    }

    /** Index of the first entry whose ErrorEquals matches {@code error}, or -1. */
    private static int firstMatch(List<List<String>> errorEquals, String error) {
        for (int i = 0; i < errorEquals.size(); i++) {
            for (String name : errorEquals.get(i)) {
                // States.TaskFailed matches every error except States.Timeout, as in Step Functions.
                if (name.equals("States.ALL")
                        || name.equals(error)
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
        JsonNode payload =
                s.def().has("Parameters") ? template(s.def().get("Parameters"), effective, context) : effective;
        JsonNode result =
                s.container() != null ? containerTask(s, payload) : invoke(s, s.function(), payload.deepCopy());
        if (result == null) {
            result = NullNode.getInstance();
        }
        return finish(s, raw, result, context);
    }

    /**
     * Calls the dispatcher; with TimeoutSeconds on a worker thread, which is interrupted and
     * abandoned when the time is up, failing the state with States.Timeout.
     */
    private JsonNode invoke(State s, String function, JsonNode payload) throws StateError {
        JsonNode timeout = s.def().get("TimeoutSeconds");
        if (timeout == null) {
            try {
                return dispatcher.invoke(function, payload);
            } catch (Exception e) {
                throw StateError.fromTask(e);
            }
        }
        Future<JsonNode> call = TASKS.submit(() -> dispatcher.invoke(function, payload));
        try {
            return call.get(Math.max(1, Math.round(timeout.asLong() * 1000 * timeoutScale)), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StateError(
                    TIMEOUT,
                    "State '" + s.name() + "' did not finish within its TimeoutSeconds (" + timeout.asLong() + " s)",
                    true);
        } catch (ExecutionException e) {
            throw StateError.fromTask(e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /**
     * An ecs:runTask.sync Task run here: the stage its container command names gets the run id that
     * follows it (and the {@code --iteration} and {@code --tenant} after that), as {@code lemon stage <function> <runId>} would. As on AWS, the state's result is
     * the stopped ECS task (not the stage's output), and a stage that fails is States.TaskFailed,
     * whatever its own error, because an exit code is all Step Functions sees of a container.
     */
    private JsonNode containerTask(State s, JsonNode payload) throws StateError {
        JsonNode override = payload.path("Overrides")
                .path("ContainerOverrides")
                .path(s.container().override());
        JsonNode command = override.path("Command");
        ObjectNode task = NODES.objectNode();
        task.put("LastStatus", "STOPPED")
                .put("StopCode", "EssentialContainerExited")
                .put("StoppedReason", "Essential container in task exited");
        if (payload.has("Cluster")) {
            task.set("ClusterArn", payload.get("Cluster"));
        }
        if (payload.has("TaskDefinition")) {
            task.set("TaskDefinitionArn", payload.get("TaskDefinition"));
        }
        task.putObject("Overrides").putArray("ContainerOverrides").add(override.deepCopy());
        ObjectNode container = task.putArray("Containers")
                .addObject()
                .put("Name", override.path("Name").asText("engine"))
                .put("LastStatus", "STOPPED");
        var parsed = StageCommand.parse(command, s.container().stageArg());
        String failure;
        if (parsed.isEmpty()) {
            failure = "usage: lemon stage <function> <runId>; the command " + command + " has no run id";
        } else {
            try {
                JsonNode out = invoke(s, s.function(), parsed.get().input());
                failure = out != null && "failed".equals(out.path("status").asText()) // lemon stage exits 1
                        ? "the stage reported status failed: "
                                + out.path("message").asText()
                        : null;
            } catch (StateError e) {
                if (!e.catchable || e.error.equals(TIMEOUT)) {
                    throw e;
                }
                failure = e.error + ": " + e.cause;
            }
        }
        if (failure == null) {
            container.put("ExitCode", 0);
            return task;
        }
        container.put("ExitCode", 1).put("Reason", failure);
        throw new StateError("States.TaskFailed", task.toString(), true);
    }

    private JsonNode map(State s, JsonNode raw, long entered, int retries) throws StateError {
        JsonNode effective = inputPath(s, raw);
        JsonNode context = context(s, entered, retries);
        JsonPath itemsPath = s.path("ItemsPath");
        JsonNode items = itemsPath == null ? null : itemsPath.read(effective).orElse(null);
        if (items == null || !items.isArray()) {
            throw StateError.runtime(
                    "State '" + s.name() + "': ItemsPath '" + itemsPath + "' does not select an array in the input");
        }
        JsonNode selector = s.def().has("ItemSelector")
                ? s.def().get("ItemSelector")
                : s.def().get("Parameters");
        int maxConcurrency = s.def().path("MaxConcurrency").asInt(0); // 0: no limit
        int threads =
                Math.min(Math.min(mapThreads, items.size()), maxConcurrency == 0 ? Integer.MAX_VALUE : maxConcurrency);
        ArrayNode results = NODES.arrayNode();
        if (threads <= 1) {
            for (int i = 0; i < items.size(); i++) {
                results.add(iteration(s, effective, context, selector, items, i));
            }
        } else {
            parallel(s, effective, context, selector, items, threads).forEach(results::add);
        }
        return finish(s, raw, results, context);
    }

    private JsonNode iteration(State s, JsonNode effective, JsonNode context, JsonNode selector, JsonNode items, int i)
            throws StateError {
        JsonNode itemInput = items.get(i);
        if (selector != null) {
            ObjectNode itemContext = ((ObjectNode) context).deepCopy();
            itemContext.putObject("Map").putObject("Item").put("Index", i).set("Value", items.get(i));
            itemInput = template(selector, effective, itemContext);
        }
        return runMachine(s.processor(), itemInput);
    }

    /**
     * Iterations on a pool of {@code threads}; results in item order. The first iteration to fail
     * fails the Map, as in Step Functions: the others are interrupted and abandoned.
     */
    private List<JsonNode> parallel(
            State s, JsonNode effective, JsonNode context, JsonNode selector, JsonNode items, int threads)
            throws StateError {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("lemon-map-" + s.name()));
        try {
            CompletionService<JsonNode> done = new ExecutorCompletionService<>(pool);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                futures.add(done.submit(() -> iteration(s, effective, context, selector, items, index)));
            }
            for (int n = 0; n < items.size(); n++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof StateError error) {
                        throw error;
                    }
                    throw new IllegalStateException("Map iteration of '" + s.name() + "' broke", e.getCause());
                }
            }
            List<JsonNode> out = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: every iteration succeeded", e);
        } finally {
            pool.shutdownNow();
        }
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
                    ? template(s.def().get("Parameters"), effective, context(s, entered, 0))
                    : effective;
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
        throw new StateError(
                "States.NoChoiceMatched",
                "State '" + s.name() + "': no Choices rule matched and there is no Default",
                true);
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
                throw StateError.runtime(
                        "State '" + s.name() + "': Choice Variable '" + variable + "' is not present in the input");
            }
            JsonNode expected = e.getValue();
            if (op.endsWith("Path") && !AslStateMachine.TYPE_TESTS.contains(op)) {
                op = op.substring(0, op.length() - 4);
                String path = expected.asText();
                expected = read(JsonPath.parse(path), input, null)
                        .orElseThrow(() -> StateError.runtime(
                                "State '" + s.name() + "': Choice path '" + path + "' is not present in the input"));
            }
            return compare(op, value, expected);
        }
        throw new IllegalStateException("unvalidated Choice rule " + rule);
    }

    /** Type mismatches are simply false, as in Step Functions. */
    private static boolean compare(String op, JsonNode value, JsonNode expected) {
        switch (op) {
            case "IsNull":
                return value.isNull() == expected.asBoolean();
            case "IsString":
                return value.isTextual() == expected.asBoolean();
            case "IsNumeric":
                return value.isNumber() == expected.asBoolean();
            case "IsBoolean":
                return value.isBoolean() == expected.asBoolean();
            case "BooleanEquals":
                return value.isBoolean() && expected.isBoolean() && value.asBoolean() == expected.asBoolean();
            default:
                break;
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
            throw interrupted();
        }
    }

    // ---------------------------------------------------------------- input and output processing

    private static JsonNode inputPath(State s, JsonNode raw) throws StateError {
        JsonPath path = s.path("InputPath");
        if (path == null) {
            return NODES.objectNode(); // InputPath: null passes {}
        }
        return path.read(raw)
                .orElseThrow(() -> StateError.runtime(
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
        return path.read(data)
                .orElseThrow(() -> StateError.runtime(
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
                JsonNode value;
                if (path.startsWith("States.")) {
                    value = Intrinsic.parse(path)
                            .evaluate(p -> read(p, input, context)
                                    .orElseThrow(() -> StateError.runtime("The JsonPath '" + p + "' in field '" + key
                                            + "' could not be found in the input")));
                } else {
                    value = read(JsonPath.parse(path), input, context)
                            .orElseThrow(() -> StateError.runtime("The JsonPath '" + path + "' of field '" + key
                                    + "' could not be found in the input"));
                }
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
        ctx.putObject("StateMachine")
                .put("Id", "arn:local:states:stateMachine:lemon")
                .put("Name", "lemon");
        ctx.putObject("State")
                .put("Name", s.name())
                .put("EnteredTime", Instant.ofEpochMilli(entered).toString())
                .put("RetryCount", retries);
        return ctx;
    }
}

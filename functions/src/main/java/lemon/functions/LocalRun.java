package lemon.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import lemon.port.Progress;
import lemon.run.Json;
import lemon.run.RunIds;
import lemon.run.RunLease;
import lemon.run.RunOptions;
import lemon.stage.StageErrors;
import lemon.workflow.AslStateMachine;
import lemon.workflow.ExecutionListener;
import lemon.workflow.ExecutionResult;
import lemon.workflow.LocalWorkflowRunner;
import lemon.workflow.TaskDispatcher;

/**
 * Runs the workflow of terraform/statemachine/lemon.asl.json on this machine, dispatching its
 * Task states to the stage functions in-process, and prints one progress line per stage, with the
 * stages' own lines (an LLM call being retried) under it.
 */
public final class LocalRun {
    /** The ASL file, packaged from terraform/statemachine by the functions build. */
    public static final String WORKFLOW_RESOURCE = "lemon/workflow/lemon.asl.json";

    /**
     * How a run ended, with the run id when one was created; {@code rejection} and its reason when
     * ingest refused the request (a bad story, or a run id taken by a run with other settings);
     * {@code exception} is what the failing stage threw (for {@code --verbose}), null when it
     * succeeded or failed without one.
     */
    public record Outcome(
            ExecutionResult.Status status,
            String runId,
            String error,
            String cause,
            String rejection,
            String rejectionReason,
            Throwable exception) {
        public boolean succeeded() {
            return status == ExecutionResult.Status.SUCCEEDED;
        }
    }

    private LocalRun() {}

    /** A run stopped on request before its next stage (the web app's cancel); resumable. */
    public static final class RunStoppedException extends RuntimeException {
        public RunStoppedException() {
            super("stopped on request before the next stage; resume to continue");
        }
    }

    public static AslStateMachine workflow() {
        try (InputStream in = LocalRun.class.getClassLoader().getResourceAsStream(WORKFLOW_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "workflow definition " + WORKFLOW_RESOURCE + " is not on the classpath");
            }
            return AslStateMachine.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new run from an upload already in the store; {@code runId} null: a generated one. */
    public static Outcome start(
            StageFunctions functions, String uploadKey, RunOptions options, String runId, PrintStream progress) {
        return start(workflow(), functions, uploadKey, options, runId, progress);
    }

    /** The same on another workflow definition (a test's, with an extra state). */
    public static Outcome start(
            AslStateMachine machine,
            StageFunctions functions,
            String uploadKey,
            RunOptions options,
            String runId,
            PrintStream progress) {
        return start(machine, functions, uploadKey, options, runId, progress, RunLease.Settings.DEFAULT, () -> false);
    }

    /**
     * The same with other lease timings, stopped before its next stage once {@code stop} answers true
     * (the web app's cancel): a stage already started finishes, the run fails as stopped and can be
     * resumed. The run id is fixed before anything runs, so the lease can be taken on it: while
     * another process works on that id this one waits, then continues.
     */
    public static Outcome start(
            AslStateMachine machine,
            StageFunctions functions,
            String uploadKey,
            RunOptions options,
            String runId,
            PrintStream progress,
            RunLease.Settings lease,
            BooleanSupplier stop) {
        String id = runId != null ? runId : RunIds.generate(Clock.systemUTC());
        ObjectNode input = Json.MAPPER
                .createObjectNode()
                .put("runId", id)
                .put("uploadKey", uploadKey)
                .put("scenes", options.scenes())
                .put("topK", options.topK())
                .put("portraits", options.portraits())
                .put("seedsPerScene", options.seedsPerScene())
                .put("iterations", options.iterations())
                .put("style", options.style());
        if (!options.cast().isEmpty()) input.set("cast", Json.MAPPER.valueToTree(options.cast()));
        if (options.budget() != null) input.put("budget", options.budget());
        if (options.seed() != 0) input.put("seed", options.seed());
        return underLease(machine, functions, input, progress, lease, "lemon run", stop);
    }

    /** Continues a run: completed stages are reused, the rest run. */
    public static Outcome resume(StageFunctions functions, String runId, PrintStream progress) {
        return resume(workflow(), functions, runId, progress);
    }

    public static Outcome resume(
            AslStateMachine machine, StageFunctions functions, String runId, PrintStream progress) {
        return resume(machine, functions, runId, progress, RunLease.Settings.DEFAULT, () -> false);
    }

    /** The same with other lease timings, stopped before its next stage once {@code stop} answers true. */
    public static Outcome resume(
            AslStateMachine machine,
            StageFunctions functions,
            String runId,
            PrintStream progress,
            RunLease.Settings lease,
            BooleanSupplier stop) {
        return underLease(
                machine,
                functions,
                Json.MAPPER.createObjectNode().put("runId", runId),
                progress,
                lease,
                "lemon resume",
                stop);
    }

    private static Outcome underLease(
            AslStateMachine machine,
            StageFunctions functions,
            ObjectNode input,
            PrintStream progress,
            RunLease.Settings settings,
            String purpose,
            BooleanSupplier stop) {
        String runId = input.get("runId").asText();
        try (RunLease lease = RunLease.acquire(
                functions.runs().blobs(),
                runId,
                purpose,
                settings,
                Clock.systemUTC(),
                RunLease.Processes.CURRENT,
                holder -> {
                    progress.println("run " + runId + " is in use by " + holder.describe()
                            + "; waiting for it to finish (Ctrl-C stops waiting)");
                    progress.flush();
                })) {
            return execute(machine, functions, lease, input, progress, stop);
        }
    }

    private static Outcome execute(
            AslStateMachine machine,
            StageFunctions functions,
            RunLease lease,
            JsonNode input,
            PrintStream progress,
            BooleanSupplier stop) {
        FunqDispatcher stages = new FunqDispatcher(functions);
        AtomicReference<Throwable> thrown = new AtomicReference<>(); // the workflow keeps only its message
        ProgressPrinter printer =
                new ProgressPrinter(progress, machine.taskFunctions(), functions.stageNames(), thrown);
        TaskDispatcher leased = (function, in) -> {
            lease.check(); // a process that lost the run must not write to it
            // stopped: no further stage starts, but the failure is still recorded, so the run resumes
            if (stop.getAsBoolean() && !function.equals(lemon.stage.StageCatalogue.RECORD_FAILURE))
                throw new RunStoppedException();
            long start = System.nanoTime();
            try {
                // engines deep in the stage (painting, training) report to this run's lines, not only the log
                JsonNode result = lemon.port.StageProgress.within(printer, function, () -> stages.invoke(function, in));
                // from the function, not the state: a container task's state output is not the stage's result
                printer.returned(result, (System.nanoTime() - start) / 1_000_000);
                return result;
            } catch (Exception e) {
                thrown.set(e); // the last attempt's, after any retries
                throw e;
            }
        };
        Progress previous = functions.reportProgressTo(printer);
        ExecutionResult result;
        try {
            result = new LocalWorkflowRunner(machine, leased, printer).run(input);
        } finally {
            functions.reportProgressTo(previous);
        }
        // the Fail state carries a fixed cause; the stage's own error is the one worth showing
        boolean stageFailed = !result.succeeded() && printer.failedError != null;
        return new Outcome(
                result.status(),
                printer.runId,
                stageFailed ? printer.failedError : result.error(),
                stageFailed ? printer.failedCause : result.cause(),
                printer.rejection,
                printer.rejectionReason,
                result.succeeded() ? null : thrown.get());
    }

    /**
     * One line per Task state, and the stages' own lines (LLM retries) under it; remembers the run
     * id and a rejection message for the summary.
     */
    private static final class ProgressPrinter implements ExecutionListener, Progress {
        private final PrintStream out;
        private final java.util.Map<String, String> functionOfState;
        private final java.util.List<String> stages;
        private String runId;
        private String rejection;
        private String rejectionReason;
        private String failedError;
        private String failedCause;

        /** What the stage functions threw last: run here, a container stage's own error, not just its exit. */
        private final AtomicReference<Throwable> thrown;

        ProgressPrinter(
                PrintStream out,
                java.util.Map<String, String> functionOfState,
                java.util.List<String> stages,
                AtomicReference<Throwable> thrown) {
            this.thrown = thrown;
            this.out = out;
            this.functionOfState = functionOfState;
            this.stages = stages;
        }

        @Override
        public void stateEntered(String name, String type, JsonNode input) {
            if (input != null && input.hasNonNull("runId")) {
                runId = input.get("runId").asText();
            }
            int stage = stages.indexOf(functionOfState.getOrDefault(name, ""));
            if (stage >= 0) {
                int iteration = input == null ? 0 : input.path("iteration").asInt(0);
                out.printf(
                        Locale.ROOT,
                        "[%d/%d] %s%s …%n",
                        stage + 1,
                        stages.size(),
                        functionOfState.get(name),
                        iteration > 0 ? " (refinement iteration " + iteration + ")" : "");
                out.flush();
            }
        }

        /** What a stage function returned: its line, the run id, and ingest's rejection if any. */
        void returned(JsonNode output, long millis) {
            // the workflow's bookkeeping (next-pass, record-failure) has no line of its own
            if (output == null || !stages.contains(output.path("stage").asText())) {
                return;
            }
            if (output.hasNonNull("runId")) {
                runId = output.get("runId").asText();
            }
            String status = output.path("status").asText();
            if (status.equals("rejected")) {
                rejection = output.path("message").asText();
                rejectionReason = output.path("summary").path("reason").asText(null);
            }
            int iteration = output.path("iteration").asInt(0);
            out.printf(
                    Locale.ROOT,
                    "      %-20s %s in %d ms: %s%n",
                    output.path("stage").asText() + (iteration > 0 ? "@" + iteration : ""),
                    status,
                    millis,
                    output.path("message").asText());
            out.flush();
        }

        @Override
        public void stateFailed(String name, String rawError, String rawCause) {
            // a container task fails as States.TaskFailed whatever went wrong inside; run here, the stage's own
            // exception is at hand and is shown as a Lambda stage's failure would be
            Throwable own = thrown.get();
            boolean container = "States.TaskFailed".equals(rawError) && own != null;
            String error = container ? StageErrors.name(own) : rawError;
            String cause = container ? StageErrors.cause(own) : StageErrors.readable(rawError, rawCause);
            if (failedError == null) {
                failedError = error;
                failedCause = cause;
            }
            if (functionOfState.containsKey(name)) { // a Fail state only repeats what a Task said
                out.printf(Locale.ROOT, "      %-20s FAILED: %s: %s%n", name, error, cause);
            }
        }

        @Override
        public void report(String stage, String message) {
            // an engine's own line often names the stage first ("personalize: 8 characters", its bar's label)
            String m = message.startsWith(stage + ":")
                    ? message.substring(stage.length() + 1).strip()
                    : message.startsWith(stage + " ")
                            ? message.substring(stage.length()).strip()
                            : message;
            out.printf(Locale.ROOT, "      %-20s %s%n", stage, m);
            out.flush();
        }

        @Override
        public void retrying(String name, int attempt, String error) {
            out.printf(Locale.ROOT, "      %-20s retry %d after %s%n", name, attempt, error);
        }
    }
}

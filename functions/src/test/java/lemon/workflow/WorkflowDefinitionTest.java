package lemon.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The deployed workflow file, run locally against fake stage functions. */
class WorkflowDefinitionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Path terraform;
    static AslStateMachine machine;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("terraform/statemachine"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "terraform/statemachine not found above the working directory");
        terraform = dir.resolve("terraform");
        machine = AslStateMachine.load(terraform.resolve("statemachine/lemon.asl.json"));
    }

    @Test
    void taskStatesNameTheirFunctions() {
        // that the set of functions matches the stage catalogue, Funqy and Terraform: WorkflowContractTest
        assertEquals("analyze-story", machine.taskFunctions().get("AnalyzeStory"));
    }

    /**
     * Fake stages: echo the input, add {"stage": name, "status": "ok"} and the tenant ("" for none, as every
     * real function's result carries it: the file's container commands read $.tenant); the listed ones fail.
     */
    static class FakeStages implements TaskDispatcher {
        final List<String> calls = new ArrayList<>();
        final Set<String> failing;
        final String ingestStatus;

        FakeStages(String ingestStatus, String... failing) {
            this.ingestStatus = ingestStatus;
            this.failing = Set.of(failing);
        }

        @Override
        public JsonNode invoke(String function, JsonNode input) {
            calls.add(function);
            assertTrue(input.hasNonNull("runId"), function + " got no runId: " + input);
            if (failing.contains(function)) {
                throw new WorkflowException("Lemon.StageError", function + " broke");
            }
            ObjectNode out = ((ObjectNode) input)
                    .put("stage", function)
                    .put("status", function.equals("ingest") ? ingestStatus : "ok")
                    .put("tenant", input.path("tenant").asText(""));
            // the loop's bookkeeping, which the Choice states read: two passes of the refine loop
            if (function.equals("next-pass")) {
                int next = input.has("iteration") ? input.get("iteration").asInt() + 1 : 0;
                out.put("iteration", next).putObject("summary").put("again", next < 2);
            }
            return out;
        }
    }

    /** Fake stages where {@code failing} fails, keeping what the failure handler was given. */
    static FakeStages recording(List<JsonNode> recorded, String failing) {
        return new FakeStages("ok", failing) {
            @Override
            public JsonNode invoke(String function, JsonNode input) {
                if (function.equals("record-failure")) {
                    recorded.add(input.deepCopy());
                }
                return super.invoke(function, input);
            }
        };
    }

    ExecutionResult run(FakeStages stages) {
        return new LocalWorkflowRunner(machine, stages, null)
                .withSleeper(d -> {})
                .run(json("{\"runId\": \"run-1\"}"));
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void happyPathRunsEveryStageInOrder() {
        FakeStages stages = new FakeStages("ok");
        ExecutionResult r = run(stages);
        assertTrue(r.succeeded(), r.error() + ": " + r.cause());
        assertEquals(
                List.of(
                        "ingest",
                        "analyze-story",
                        "match-characters",
                        "describe-characters",
                        "generate-portraits",
                        "next-pass",
                        "personalize",
                        "visualize",
                        "validate",
                        "refine",
                        "next-pass",
                        "personalize",
                        "visualize",
                        "validate",
                        "refine",
                        "next-pass",
                        "publish"),
                stages.calls);
        assertEquals(
                json("{\"runId\": \"run-1\", \"tenant\": \"\", \"stage\": \"publish\", \"status\": \"ok\"}"),
                r.output(),
                "the Storyboard state hands Publish the run and its tenant only");
        assertEquals(
                List.of(
                        "Ingest",
                        "CheckInput",
                        "AnalyzeStory",
                        "MatchCharacters",
                        "DescribeCharacters",
                        "GeneratePortraits",
                        "LoopOrPublish",
                        "PersonaliseOrPublish",
                        "Personalize",
                        "Visualize",
                        "Validate",
                        "Refine",
                        "NextPass",
                        "AnotherIteration",
                        "Personalize",
                        "Visualize",
                        "Validate",
                        "Refine",
                        "NextPass",
                        "AnotherIteration",
                        "Storyboard",
                        "Publish",
                        "Done"),
                r.history().stream().map(ExecutionResult.StateRun::name).toList());
    }

    @Test
    void rejectedInputStopsAfterIngest() {
        FakeStages stages = new FakeStages("rejected");
        ExecutionResult r = run(stages);
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("Lemon.InputRejected", r.error());
        assertEquals(List.of("ingest"), stages.calls);
    }

    @Test
    void aFailingStageIsRecordedThenTheExecutionFails() {
        List<JsonNode> recorded = new ArrayList<>();
        FakeStages stages = recording(recorded, "describe-characters");
        ExecutionResult r = run(stages);
        assertEquals("Lemon.StageFailed", r.error());
        assertEquals(
                List.of("ingest", "analyze-story", "match-characters", "describe-characters", "record-failure"),
                stages.calls);
        assertEquals(1, recorded.size());
        assertEquals("run-1", recorded.get(0).get("runId").asText());
        assertEquals(
                json("{\"Error\": \"Lemon.StageError\", \"Cause\": \"describe-characters broke\"}"),
                recorded.get(0).get("failure"));
    }

    /** An engine stage is a container task: whatever its error, States.TaskFailed, retried once, then recorded. */
    @Test
    void aFailingContainerStageIsRetriedOnceThenRecorded() {
        List<JsonNode> recorded = new ArrayList<>();
        FakeStages stages = recording(recorded, "personalize");
        ExecutionResult r = run(stages);
        assertEquals("Lemon.StageFailed", r.error());
        assertEquals(
                List.of("generate-portraits", "next-pass", "personalize", "personalize", "record-failure"),
                stages.calls.subList(4, stages.calls.size()));
        JsonNode failure = recorded.get(0).get("failure");
        assertEquals("States.TaskFailed", failure.get("Error").asText());
        assertEquals(
                "exit 1: Lemon.StageError: personalize broke",
                lemon.stage.StageErrors.readable(
                        "States.TaskFailed", failure.get("Cause").asText()));
    }

    @Test
    void transientErrorsAreRetriedTwice() {
        int[] attempts = {0};
        FakeStages fine = new FakeStages("ok");
        TaskDispatcher flaky = (function, input) -> {
            if (function.equals("analyze-story") && ++attempts[0] <= 2) {
                throw new WorkflowException("Lemon.Transient", "rate limited");
            }
            return fine.invoke(function, input);
        };
        List<String> retries = new ArrayList<>();
        ExecutionResult r = new LocalWorkflowRunner(machine, flaky, new ExecutionListener() {
                    @Override
                    public void retrying(String name, int attempt, String error) {
                        retries.add(name + "#" + attempt);
                    }
                })
                .withSleeper(d -> {})
                .run(json("{\"runId\": \"run-1\"}"));
        assertTrue(r.succeeded());
        assertEquals(List.of("AnalyzeStory#1", "AnalyzeStory#2"), retries);
    }

    @Test
    void theFilesRetryBlocksRetryATransientFailureThenRecordIt() {
        int[] attempts = {0};
        List<JsonNode> recorded = new ArrayList<>();
        List<java.time.Duration> sleeps = new ArrayList<>();
        TaskDispatcher busyStore = (function, input) -> {
            if (function.equals("record-failure")) {
                recorded.add(input.deepCopy());
                return input;
            }
            if (function.equals("describe-characters")) {
                attempts[0]++;
                // what S3BlobStore throws for a 503 SlowDown, wrapped as a stage might wrap it
                throw new IllegalStateException(
                        "describe failed",
                        new lemon.port.TransientFailure("put s3://b/runs/run-1/descriptions.json failed: 503", null));
            }
            return ((ObjectNode) input)
                    .put("stage", function)
                    .put("status", "ok")
                    .put("tenant", "");
        };
        ExecutionResult r = new LocalWorkflowRunner(machine, busyStore, null)
                .withSleeper(sleeps::add)
                .run(json("{\"runId\": \"run-1\"}"));
        assertEquals("Lemon.StageFailed", r.error());
        assertEquals(3, attempts[0], "the first call and the file's two retries");
        assertEquals(List.of(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(4)), sleeps);
        assertEquals(
                json("{\"Error\": \"Lemon.Transient\", "
                        + "\"Cause\": \"put s3://b/runs/run-1/descriptions.json failed: 503\"}"),
                recorded.get(0).get("failure"));
    }

    @Test
    void aBrokenRecorderStillEndsInFailed() {
        FakeStages stages = new FakeStages("ok", "publish", "record-failure");
        ExecutionResult r = run(stages);
        assertEquals("Lemon.StageFailed", r.error());
    }
}

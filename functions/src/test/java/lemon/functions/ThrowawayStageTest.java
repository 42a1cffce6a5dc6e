package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.funqy.Funq;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import lemon.pipeline.Pipeline;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.Stage;
import lemon.stage.StageCatalogue;
import lemon.stage.StageContext;
import lemon.stage.StageInput;
import lemon.stage.StageOutput;
import lemon.stage.StageResult;
import lemon.stage.StageSpec;
import lemon.stage.ingest.IngestStage;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.TestRuns;
import lemon.workflow.AslStateMachine;
import org.junit.jupiter.api.Test;

/**
 * Adding a stage is one stage class, one ASL state and one @Funq line: a stage made up here (it
 * counts the story's words) goes through the contract check, a local run and a resume.
 */
class ThrowawayStageTest {
    static final String NAME = "count-words";

    static final class CountWords implements Stage {
        static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();

        @Override
        public StageSpec spec() {
            return new StageSpec(
                    NAME,
                    List.of(IngestStage.STORY),
                    List.of("word-count.json"),
                    Placement.LAMBDA,
                    "Counts the story's words.");
        }

        @Override
        public StageOutput run(StageContext run) {
            if (FAIL_ONCE.getAndSet(false)) {
                throw new IllegalStateException("counting broke");
            }
            int words = run.requireText(IngestStage.STORY).trim().split("\\s+").length;
            run.write("word-count.json", Map.of("words", words));
            return StageOutput.of(words + " words", Map.of("words", words));
        }
    }

    /** The one @Funq line. */
    static class WithCountWords extends StageFunctions {
        WithCountWords(PipelineProvider pipelines) {
            super(pipelines);
        }

        @Funq(NAME)
        public StageResult countWords(StageInput in) {
            return run(NAME, in);
        }
    }

    /** The shipped workflow with one more Task state, CountWords, before Publish: whatever led to Publish leads to it. */
    static ObjectNode workflowWithCountWords() throws Exception {
        ObjectNode asl = (ObjectNode) WorkflowContract.shippedWorkflow();
        ObjectNode states = (ObjectNode) asl.get("States");
        ObjectNode count = states.get("Publish").deepCopy();
        count.put("Comment", "Counts the story's words.")
                .put("Resource", "arn:aws:lambda:${aws_region}:${account_id}:function:lemon-" + NAME)
                .put("Next", "Publish");
        states.properties().forEach(e -> {
            ObjectNode state = (ObjectNode) e.getValue();
            if (state.path("Next").asText().equals("Publish")) state.put("Next", "CountWords");
            state.path("Choices").forEach(c -> {
                if (c.path("Next").asText().equals("Publish")) ((ObjectNode) c).put("Next", "CountWords");
            });
        });
        states.set("CountWords", count);
        return asl;
    }

    @Test
    void aNewStageRunsThroughTheCatalogueTheWorkflowAndResume() throws Exception {
        StageCatalogue catalogue = TestPipelines.catalogue().with(new CountWords(), "publish");
        ObjectNode asl = workflowWithCountWords();
        AslStateMachine machine = AslStateMachine.parse(asl.toString());
        Set<String> deployed =
                new LinkedHashSet<>(WorkflowContract.terraformFunctions(WorkflowContract.terraformDir()));
        deployed.add(NAME);
        assertEquals(
                List.of(),
                WorkflowContract.problems(
                        catalogue, asl, FunqDispatcher.functionNames(WithCountWords.class), deployed));

        InMemoryBlobStore blobs = new InMemoryBlobStore();
        Pipeline pipeline = TestPipelines.over(blobs, catalogue);
        WithCountWords functions = new WithCountWords(PipelineProvider.of(pipeline));
        blobs.put("uploads/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));

        CountWords.FAIL_ONCE.set(true);
        var log = new ByteArrayOutputStream();
        LocalRun.Outcome first = LocalRun.start(
                machine,
                functions,
                "uploads/story.txt",
                new RunOptions(4, 2, 2, 1, 1, ""), // one pass of the refine loop
                "t",
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertFalse(first.succeeded(), log.toString());
        assertTrue(first.cause().contains("counting broke"), first.toString());
        RunStore runs = pipeline.runs();
        assertEquals(StageState.Status.FAILED, runs.manifest("t").stage(NAME).status());
        assertEquals(
                StageState.Status.PENDING, runs.manifest("t").stage("publish").status());

        log.reset();
        LocalRun.Outcome resumed =
                LocalRun.resume(machine, functions, "t", new PrintStream(log, true, StandardCharsets.UTF_8));
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(resumed.succeeded(), resumed + "\n" + progress);
        assertTrue(progress.contains("[10/11] count-words"), progress);
        assertTrue(progress.matches("(?s).*generate-portraits +reused.*"), progress);
        assertTrue(progress.matches("(?s).*count-words +done.*"), progress);
        catalogue
                .names()
                .forEach(s -> assertEquals(
                        StageState.Status.DONE, runs.manifest("t").stage(s).status(), s));
        int words = TestRuns.STORY.trim().split("\\s+").length;
        assertEquals(
                Map.of("words", words),
                runs.require(
                        "t",
                        "word-count.json",
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() {}));
    }
}

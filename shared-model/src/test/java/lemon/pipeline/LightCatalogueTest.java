package lemon.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.ElsewhereStage;
import lemon.stage.Placement;
import lemon.stage.StageCatalogue;
import lemon.stage.StageSpec;
import lemon.stage.match.MatchStage;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.LoopStandIns;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/** The catalogue of a function without engines: the same stages in the same order, engine stages refusing. */
class LightCatalogueTest {
    static StageCatalogue light() {
        return Pipeline.light(new OfflineAnalyst(), new OfflineDescriber(), CdDatabase.bundled());
    }

    @Test
    void listsEveryStageOfTheStandardCatalogueInItsOrder() {
        StageCatalogue standard = Pipeline.standard(
                new OfflineAnalyst(),
                new FirstPairsRetriever(),
                new OfflineDescriber(),
                new FixedImageGenerator(),
                LoopStandIns.engines());
        assertEquals(standard.specs(), light().specs());
    }

    @Test
    void exactlyTheEngineContainerStagesAreElsewhere() {
        StageCatalogue light = light();
        for (StageSpec spec : light.specs().subList(1, light.specs().size())) {
            boolean elsewhere = light.get(spec.name()) instanceof ElsewhereStage;
            assertEquals(spec.placement() == Placement.ENGINE_CONTAINER, elsewhere, spec.name());
        }
        assertEquals(Placement.ENGINE_CONTAINER, MatchStage.SPEC.placement(), "MiniLM needs ONNX Runtime");
    }

    @Test
    void anEngineStageCalledHereSaysWhereItRuns() throws Exception {
        RunStore runs = new RunStore(new InMemoryBlobStore());
        runs.blobs().put("uploads/story.txt", TestRuns.STORY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Pipeline p = new Pipeline(runs, new StoryIngest(), light(), TestRuns.CLOCK);
        p.ingest("r1", "uploads/story.txt", RunOptions.defaults());
        assertEquals("done", p.run("analyze-story", "r1", 0).status());
        var e = assertThrows(RuntimeException.class, () -> p.run(MatchStage.NAME, "r1", 0));
        assertTrue(
                String.valueOf(e.getMessage()).contains("engine container")
                        || String.valueOf(e.getCause()).contains("engine container"),
                e.toString());
        assertInstanceOf(ElsewhereStage.class, light().get(MatchStage.NAME));
        assertEquals(
                List.of("ingest", "analyze-story", "match-characters"),
                light().names().subList(0, 3));
    }
}

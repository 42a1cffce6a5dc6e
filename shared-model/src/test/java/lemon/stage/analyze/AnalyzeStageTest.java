package lemon.stage.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.ingest.StoryRejectedException;
import lemon.model.InteractionGraph;
import lemon.model.StoryAnalysis;
import lemon.model.StoryCharacter;
import lemon.run.RunOptions;
import lemon.run.StageState;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.StageResult;
import org.junit.jupiter.api.Test;

class AnalyzeStageTest {
    @Test
    void writesCharactersScenesAndTheGraph() {
        StageFixture f = new StageFixture(new RunOptions(4, 3, 1));
        StageResult r = f.run(new AnalyzeStage(new OfflineAnalyst()));
        List<StoryCharacter> characters = f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        List<String> names = characters.stream().map(StoryCharacter::name).toList();
        assertTrue(names.containsAll(List.of("Anna Berg", "Boris Kade", "Carl Voss")), names.toString());
        assertEquals(4, f.read(AnalyzeStage.SCENES, RunFileTypes.SCENES).size(), "the run's scene count");
        InteractionGraph g = f.read(AnalyzeStage.GRAPH, RunFileTypes.GRAPH);
        assertEquals(
                1.0,
                g.edges().stream()
                        .mapToDouble(InteractionGraph.Edge::weight)
                        .max()
                        .orElseThrow(),
                1e-9);
        assertEquals(characters.size(), r.summary().get("characters"));
        assertEquals(
                new OfflineAnalyst().name(), f.runs.manifest("r").components().get("analyst"));
        assertEquals(
                AnalyzeStage.SPEC.writes(),
                f.runs.manifest("r").stage(AnalyzeStage.NAME).outputs());
    }

    @Test
    void aStoryWithoutCharactersFailsTheStageWithAClearReason() {
        StageFixture f = new StageFixture(RunOptions.defaults());
        var nobody = new lemon.port.StoryAnalyst() {
            @Override
            public String name() {
                return "empty";
            }

            @Override
            public StoryAnalysis analyze(String storyText, int sceneCount) {
                return new StoryAnalysis(List.of(), List.of(), new InteractionGraph(List.of(), List.of()), List.of());
            }
        };
        var e = assertThrows(StoryRejectedException.class, () -> f.run(new AnalyzeStage(nobody)));
        assertTrue(e.getMessage().contains("no characters found"), e.getMessage());
        assertEquals(
                StageState.Status.FAILED,
                f.runs.manifest("r").stage(AnalyzeStage.NAME).status());
    }
}

package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.storage.BlobStores;
import lemon.story.CharacterDescription;
import lemon.story.CharacterMatch;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two paper tales through the ASL file and the local runner, offline, on a filesystem store. */
class TaleWorkflowTest {
    @TempDir
    Path dir;

    private RunStore runTale(String tale, String runId) throws Exception {
        var settings = Fixtures.settings(dir.toString());
        var functions = Fixtures.functions(settings);
        RunStore runs = new RunStore(BlobStores.fromUri(dir.toString()));
        runs.blobs().put("uploads/" + tale + ".txt", Fixtures.tale(tale));
        var log = new ByteArrayOutputStream();
        LocalRun.Outcome outcome = LocalRun.start(
                functions,
                "uploads/" + tale + ".txt",
                Fixtures.OPTIONS,
                runId,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(outcome.succeeded(), outcome + "\n" + log);
        assertEquals(runId, outcome.runId());
        String progress = log.toString(StandardCharsets.UTF_8);
        for (String stage : Fixtures.stageNames()) {
            assertTrue(
                    progress.contains(stage + " ") || progress.contains(stage),
                    "progress names " + stage + ":\n" + progress);
        }
        return runs;
    }

    /** Forty-thieves on the default options, the run whose bytes {@link PinnedOutputsTest} pins. */
    private static PinnedRuns.Run fortyThieves() {
        PinnedRuns.Run run = PinnedRuns.of("forty-thieves.txt", Fixtures.tale("forty-thieves"));
        for (String stage : Fixtures.stageNames()) {
            assertTrue(run.progress().contains(stage), "progress names " + stage + ":\n" + run.progress());
        }
        return run;
    }

    @Test
    void fortyThievesFindsTheCastAndDescribesEveryone() throws Exception {
        PinnedRuns.Run run = fortyThieves();
        RunStore runs = run.runs();
        Path ali = run.dir();
        for (String f : List.of(
                "manifest.json",
                "story.txt",
                "characters.json",
                "scenes.json",
                "graph.json",
                "graph.svg",
                "matches.json",
                "descriptions.json",
                "portraits.json",
                "report.html")) {
            assertTrue(Files.isRegularFile(ali.resolve(f)), f);
        }
        List<StoryCharacter> characters =
                runs.require(PinnedRuns.RUN_ID, AnalyzeStage.CHARACTERS, new TypeReference<>() {});
        Map<String, StoryCharacter> byName = characters.stream()
                .collect(Collectors.toMap(c -> c.name().toLowerCase(), Function.identity(), (a, b) -> a));
        for (String who : List.of("ali baba", "cassim", "morgiana")) {
            assertTrue(byName.containsKey(who), who + " in " + byName.keySet());
        }
        assertTrue(byName.keySet().stream().anyMatch(n -> n.contains("captain")), "captain in " + byName.keySet());
        assertTrue(
                byName.keySet().stream().anyMatch(n -> n.contains("cassim") && n.contains("wife")),
                "Cassim's wife in " + byName.keySet());

        InteractionGraph graph = runs.require(PinnedRuns.RUN_ID, AnalyzeStage.GRAPH, new TypeReference<>() {});
        List<InteractionGraph.Edge> top = graph.edges().stream()
                .sorted(Comparator.comparingDouble(InteractionGraph.Edge::weight)
                        .reversed())
                .limit(5)
                .toList();
        assertEquals(1.0, top.get(0).weight(), 1e-9);
        String alibaba = byName.get("ali baba").id();
        assertTrue(top.stream().anyMatch(e -> e.a().equals(alibaba) || e.b().equals(alibaba)), top.toString());

        List<Scene> scenes = runs.require(PinnedRuns.RUN_ID, AnalyzeStage.SCENES, new TypeReference<>() {});
        assertEquals(30, scenes.size());
        scenes.forEach(s -> assertTrue(s.prompt().split("\\s+").length <= 20, s.prompt()));

        List<CharacterMatch> matches = runs.require(PinnedRuns.RUN_ID, MatchStage.MATCHES, new TypeReference<>() {});
        assertEquals(characters.size(), matches.size());
        matches.forEach(m -> assertEquals(3, m.matches().size()));

        List<CharacterDescription> descriptions =
                runs.require(PinnedRuns.RUN_ID, DescribeStage.DESCRIPTIONS, new TypeReference<>() {});
        assertEquals(characters.size(), descriptions.size());
        descriptions.forEach(d -> assertTrue(d.description().split(" ").length >= 8, d.toString()));

        for (StoryCharacter c : characters) {
            Path png = ali.resolve("portraits/" + c.id() + "-0.png");
            var img = javax.imageio.ImageIO.read(png.toFile());
            assertEquals(64, img.getWidth(), png.toString());
        }
        RunManifest m = runs.manifest(PinnedRuns.RUN_ID);
        Fixtures.stageNames()
                .forEach(s -> assertEquals(StageState.Status.DONE, m.stage(s).status(), s));
        assertTrue(
                m.components().get("analyst").contains("offline"),
                m.components().toString());
        String report = Files.readString(ali.resolve("report.html"));
        assertTrue(
                report.contains("Morgiana") && report.contains("<svg") && report.contains("portraits/morgiana-0.png"),
                "report shows characters, portraits and the graph");
        assertTrue(
                m.components().get("painter").contains("lemon-mini-diffusion"),
                m.components().toString());
    }

    @Test
    void valiantTailorFindsRoleOnlyCharacters() throws Exception {
        RunStore runs = runTale("valiant-little-tailor", "tailor");
        List<StoryCharacter> characters = runs.require("tailor", AnalyzeStage.CHARACTERS, new TypeReference<>() {});
        List<String> names =
                characters.stream().map(c -> c.name().toLowerCase()).toList();
        assertTrue(names.stream().anyMatch(n -> n.contains("tailor")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("giant")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("king")), names.toString());
        List<CharacterDescription> d = runs.require("tailor", DescribeStage.DESCRIPTIONS, new TypeReference<>() {});
        assertEquals(characters.size(), d.size());
    }

    @Test
    void runningAStageAgainReusesItsOutputs() throws Exception {
        PinnedRuns.Run run = fortyThieves();
        byte[] before = Files.readAllBytes(run.dir().resolve("descriptions.json"));
        var functions = Fixtures.functions(Fixtures.settings(run.store().toString()));
        var result = functions.describeCharacters(new lemon.stage.StageInput(
                PinnedRuns.RUN_ID, null, null, null, null, null, null, null, null, null, null, null, null));
        assertEquals("reused", result.status());
        assertEquals(new String(before), Files.readString(run.dir().resolve("descriptions.json")));
        assertFalse(new PipelineProvider(Fixtures.settings(dir.toString()), Fixtures.ENGINES)
                .get()
                .runs()
                .exists("nope"));
    }
}

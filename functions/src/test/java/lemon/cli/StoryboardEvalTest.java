package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.ingest.StoryIngest;
import lemon.pipeline.Pipeline;
import lemon.port.ImageGenerator;
import lemon.run.Json;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.RunFileTypes;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.SceneImage;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.LoopStandIns;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storyboard measurement end to end on the test story, over the standard stages with quick
 * stand-in engines (the real models are measured by the command itself): the workflow runs once,
 * Base is painted with visualize's seeds and characters but descriptions instead of tokens, a rerun
 * reuses both, and the report and its JSON hold every number.
 */
class StoryboardEvalTest {
    static final RunOptions OPTIONS = new RunOptions(4, 2, 3, 2, 2, "");

    record Fixture(InMemoryBlobStore blobs, FixedImageGenerator painter, StageFunctions functions) {
        RunStore runs() {
            return functions.runs();
        }

        StoryboardEval eval(PrintStream log) {
            return new StoryboardEval(functions, standIns(painter, null), OPTIONS, "-test", log);
        }
    }

    /** The stand-in engines of the measurement; {@code probe} null: no "as described" figures. */
    static StoryboardEval.Models standIns(
            FixedImageGenerator painter,
            java.util.function.BiFunction<Integer, Integer, lemon.mini.training.AttributeProbe> probe) {
        return new StoryboardEval.Models(
                painter,
                new LoopStandIns.ColourScorer(),
                new LoopStandIns.ColourValidator(),
                lemon.mini.pipelines.PromptWindow.bundled(),
                StoryboardEvalTest::firstThreeWords,
                probe);
    }

    static Fixture fixture() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        FixedImageGenerator painter = new FixedImageGenerator();
        Pipeline pipeline = new Pipeline(
                new RunStore(blobs),
                new StoryIngest(),
                Pipeline.standard(
                        new OfflineAnalyst(),
                        new FirstPairsRetriever(),
                        new OfflineDescriber(),
                        painter,
                        LoopStandIns.engines()),
                Clock.systemUTC());
        return new Fixture(blobs, painter, new StageFunctions(PipelineProvider.of(pipeline)));
    }

    static final List<StoryboardEval.Story> STORIES = List.of(
            new StoryboardEval.Story("Market Day", "market-day.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8)));

    @Test
    void measuresBaseAndLeMonOnTheSameScenesAndReusesTheRunOnARerun(@TempDir Path dir) throws Exception {
        Fixture f = fixture();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StoryboardEval.Report report = f.eval(new PrintStream(log, true, StandardCharsets.UTF_8))
                .evaluate(STORIES, Map.of("--scenes", 4), Map.of());
        StoryboardEval.StoryResult r = report.stories().get(0);
        assertNull(r.error(), log.toString());
        assertEquals("ran", r.status());
        assertEquals("market-day-test", r.runId());
        assertTrue(f.runs().exists("market-day-test"));

        // Base: one picture per iteration-0 scene image, same seed, same characters, descriptions not tokens
        List<SceneImage> first = f.runs().require(r.runId(), VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        List<ImageGenerator.Request> all = f.painter().requests();
        // Base's pictures, then Base with anchors: the same scenes, seeds and characters
        List<ImageGenerator.Request> base = all.subList(all.size() - 2 * first.size(), all.size() - first.size());
        List<ImageGenerator.Request> anchored = all.subList(all.size() - first.size(), all.size());
        assertEquals(first.size(), r.pictures());
        for (int i = 0; i < first.size(); i++) {
            ImageGenerator.Request q = base.get(i);
            SceneImage img = first.get(i);
            assertEquals(ImageGenerator.Canvas.SCENE, q.canvas());
            assertTrue(q.tokens().isEmpty());
            assertEquals(VisualizeStage.seed(img.scene(), img.take()), q.seed());
            assertFalse(q.description().contains("<c"), q.description());
            assertEquals(q.seed(), anchored.get(i).seed());
            assertTrue(anchored.get(i).tokens().isEmpty());
            assertTrue(
                    anchored.get(i).description().length() < q.description().length(),
                    "anchors are shorter: " + anchored.get(i).description());
            for (String ph : img.placeholders().keySet())
                assertTrue(img.paintedPrompt().contains(ph), "visualize painted " + ph);
        }
        assertTrue(
                base.stream().anyMatch(q -> q.description().contains("woman")),
                "Anna's description is painted: " + base);

        // every method measured the same pictures' crops; multi-character pictures are the same ones
        var b = r.methods().get(StoryboardEval.Method.BASE);
        var l0 = r.methods().get(StoryboardEval.Method.LEMON_0);
        var l = r.methods().get(StoryboardEval.Method.LEMON);
        int crops = first.stream().mapToInt(i -> i.characterIds().size()).sum();
        assertEquals(crops, b.crops());
        assertEquals(crops, l0.crops());
        assertEquals(crops, r.methods().get(StoryboardEval.Method.BASE_ANCHORS).crops());
        assertEquals(b.multiPictures(), l0.multiPictures());
        assertTrue(b.multiPictures() > 0, "the test story has scenes of two or more");
        assertTrue(l.consistency() <= 1 && l.consistency() >= -1);
        assertTrue(r.iterations() >= 1 && r.iterations() <= 2);
        assertTrue(r.stageMillis().containsKey("personalize") && r.stageMillis().containsKey("publish"));
        assertEquals(
                r.stageMillis().values().stream().mapToLong(Long::longValue).sum(), r.totalMillis());
        assertFalse(Double.isNaN(r.spreadBefore()));

        // a rerun reuses the run and the Base pictures: nothing is painted, the numbers are the same
        int painted = f.painter().requests().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoryboardEval.Report again = f.eval(new PrintStream(new ByteArrayOutputStream()))
                .evaluate(STORIES, Map.of("--scenes", 4), Map.of("CLIP", "colour"));
        assertEquals(painted, f.painter().requests().size());
        StoryboardEval.StoryResult r2 = again.stories().get(0);
        assertEquals("reused", r2.status());
        assertEquals(0, r2.baseMillis());
        assertEquals(r.methods(), r2.methods());
        assertEquals(again.pooled().get(StoryboardEval.Method.BASE), b);

        StoryboardEval.print(again, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Market Day") && text.contains("LeMon vs Base: within-character consistency"), text);
        assertTrue(text.contains("personalize") && text.contains("longest run"), text);

        Path json = dir.resolve("eval-storyboard.json");
        StoryboardEval.writeJson(again, json);
        JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(json));
        assertEquals(4, root.path("options").path("--scenes").asInt());
        assertEquals(b.crops(), root.path("pooled").path("Base").path("crops").asInt());
        JsonNode story = root.path("stories").get(0);
        assertEquals("market-day-test", story.path("runId").asText());
        assertTrue(story.path("methods").path("LeMon").has("multiSuccess"));
        assertTrue(story.path("stageMillis").has("refine"));
        assertTrue(root.path("closing").asText().startsWith("LeMon vs Base"));
        assertTrue(root.path("closing").asText().contains("LeMon vs Base, anchors"));
    }

    @Test
    void withAProbeEachPaintedPersonIsReadAgainstWhatItsDescriptionStates() throws Exception {
        Fixture f = fixture();
        f.eval(new PrintStream(new ByteArrayOutputStream())).evaluate(STORIES, Map.of(), Map.of());
        List<String> sizes = new java.util.ArrayList<>();
        StoryboardEval withProbe = new StoryboardEval(
                f.functions(),
                standIns(f.painter(), (w, h) -> {
                    sizes.add(w + "x" + h);
                    return lemon.mini.training.AttributeProbe.trainOnScenes(7, 60, 1, w, h);
                }),
                OPTIONS,
                "-test",
                new PrintStream(new ByteArrayOutputStream()));
        StoryboardEval.Report report = withProbe.evaluate(STORIES, Map.of(), Map.of());
        StoryboardEval.StoryResult r = report.stories().get(0);
        assertNull(r.error());
        assertEquals(1, sizes.size(), "one probe per picture size, trained once: " + sizes);

        // counted: every painted person whose description states a gender, hair or clothing colour
        Map<String, lemon.mini.render.DescriptionAttributes> stated = new java.util.HashMap<>();
        for (var d :
                f.runs().require(r.runId(), lemon.stage.describe.DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS))
            stated.put(d.characterId(), lemon.mini.render.DescriptionAttributes.parse(d.description()));
        int described = 0;
        for (SceneImage img : f.runs().require(r.runId(), VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES))
            for (String id : img.characterIds()) {
                var a = stated.get(id);
                if (a != null && (a.gender() != null || a.hair() != null || a.clothing() != null)) described++;
            }
        assertTrue(described > 0, "the test story's descriptions state colours");
        for (StoryboardEval.Method m : StoryboardEval.Method.values()) {
            assertEquals(described, r.truth().get(m).people(), m.label);
            assertEquals(described, report.pooledTruth().get(m).people(), m.label);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoryboardEval.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("dressed as described"), out.toString());
        java.nio.file.Path json = Files.createTempFile("eval-storyboard", ".json");
        StoryboardEval.writeJson(report, json);
        JsonNode lemon =
                Json.MAPPER.readTree(Files.readAllBytes(json)).path("pooled").path("LeMon");
        assertEquals(described, lemon.path("truthPeople").asInt());
        assertTrue(lemon.has("dressedAsDescribed") && lemon.has("allAsDescribed"), lemon.toString());
        Files.delete(json);

        // without a probe: no such figures
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        StoryboardEval.Report none =
                f.eval(new PrintStream(new ByteArrayOutputStream())).evaluate(STORIES, Map.of(), Map.of());
        assertTrue(none.pooledTruth().isEmpty() && none.stories().get(0).truth().isEmpty());
        StoryboardEval.print(none, new PrintStream(plain, true, StandardCharsets.UTF_8));
        assertFalse(plain.toString(StandardCharsets.UTF_8).contains("dressed"), plain.toString());
    }

    @Test
    void aStoredRunWithOtherSettingsIsReportedNotMixedIn() {
        Fixture f = fixture();
        f.eval(new PrintStream(new ByteArrayOutputStream())).evaluate(STORIES, Map.of(), Map.of());
        StoryboardEval other = new StoryboardEval(
                f.functions(),
                standIns(f.painter(), null),
                new RunOptions(5, 2, 3, 2, 2, ""),
                "-test",
                new PrintStream(new ByteArrayOutputStream()));
        StoryboardEval.StoryResult r =
                other.evaluate(STORIES, Map.of(), Map.of()).stories().get(0);
        assertEquals("failed", r.status());
        assertTrue(r.error().contains("--scenes") && r.error().contains("another --out"), r.error());
    }

    @Test
    void runIdsComeFromStoryNamesAndStayUnique() {
        StoryboardEval e = fixture().eval(new PrintStream(new ByteArrayOutputStream()));
        assertEquals("snow-white-and-rose-red-test", e.runId("Snow White and Rose-Red", List.of()));
        assertEquals("tale-2-test", e.runId("tale", List.of("tale-test")));
        assertEquals(64, e.runId("x".repeat(100), List.of()).length() + 3);
        assertEquals("tale-test", e.runId("tale", List.of(), 0), "seed 0: the ids measured before seeds");
        assertEquals("tale-test-seed2", e.runId("tale", List.of(), 2));
        assertEquals(64, e.runId("x".repeat(100), List.of(), 2).length() + 3);
    }

    @Test
    void severalRunSeedsMakeRunsOfTheirOwnPooledTogetherAndPerSeed() {
        Fixture f = fixture();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StoryboardEval.Report report = new StoryboardEval(
                        f.functions(),
                        standIns(f.painter(), null),
                        OPTIONS,
                        List.of(0L, 1L),
                        "-test",
                        new PrintStream(log, true, StandardCharsets.UTF_8))
                .evaluate(STORIES, Map.of(), Map.of());
        List<StoryboardEval.StoryResult> runs = report.stories();
        assertEquals(
                List.of("market-day-test", "market-day-test-seed1"),
                runs.stream().map(StoryboardEval.StoryResult::runId).toList(),
                log.toString());
        assertEquals(
                List.of("Market Day (seed 0)", "Market Day (seed 1)"),
                runs.stream().map(StoryboardEval.StoryResult::story).toList());
        assertEquals(1L, f.runs().manifest("market-day-test-seed1").options().seed());
        // another seed trained and painted from other noise: its first scene picture has another seed
        long s0 = f.runs()
                .require("market-day-test", VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES)
                .get(0)
                .seed();
        long s1 = f.runs()
                .require("market-day-test-seed1", VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES)
                .get(0)
                .seed();
        assertNotEquals(s0, s1);

        var pooled = report.pooled().get(StoryboardEval.Method.LEMON);
        var first = report.bySeed().get(0L).get(StoryboardEval.Method.LEMON);
        var second = report.bySeed().get(1L).get(StoryboardEval.Method.LEMON);
        assertEquals(first.crops() + second.crops(), pooled.crops(), "the pool holds every seed's crops");
        assertEquals(first.multiPictures() + second.multiPictures(), pooled.multiPictures());
        assertEquals(
                (first.consistency() * first.crops() + second.consistency() * second.crops()) / pooled.crops(),
                pooled.consistency(),
                1e-9);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoryboardEval.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Pooled over 2 runs, 2 run seeds of each story"), text);
        assertTrue(text.contains("seed 0: LeMon vs Base") && text.contains("seed 1: LeMon vs Base"), text);
        assertTrue(text.contains("LeMon − Base run by run: within-character consistency "), text);
        assertTrue(text.contains("(ahead in ") && text.contains(" points (ahead in "), text);
    }

    @Test
    void storiesAreFilesOrFoldersOfTextAndMarkdownWithoutReadme(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("a.md"), "a");
        Files.writeString(dir.resolve("README.md"), "about the tales");
        Files.writeString(dir.resolve("notes.json"), "{}");
        Path single = Files.writeString(dir.resolve("c.txt"), "c");
        List<StoryboardEval.Story> s = EvalStoryboardCommand.read(List.of(dir, single));
        assertEquals(
                List.of("a", "b", "c"),
                s.stream().map(StoryboardEval.Story::name).toList());
        assertEquals("a.md", s.get(0).fileName());
        assertNotNull(s.get(2).bytes());
    }

    @Test
    void theClosingLineSaysBetterOrWorseAndByHowMuch() {
        var base = new lemon.mini.eval.StoryboardMetrics.Summary(10, 0.70, 0.5, 0.6, 4, 1, 0.25, 6, 3, 0.5);
        var lemon = new lemon.mini.eval.StoryboardMetrics.Summary(10, 0.75, 0.6, 0.5, 4, 2, 0.5, 6, 4, 0.667);
        assertEquals(
                "LeMon vs Base: within-character consistency 0.750 vs 0.700 (+0.050, better); "
                        + "multi-character success 50.0% vs 25.0% (+25.0 points, better).",
                StoryboardEval.closing(Map.of(StoryboardEval.Method.BASE, base, StoryboardEval.Method.LEMON, lemon)));
        assertTrue(StoryboardEval.closing(Map.of(StoryboardEval.Method.BASE, lemon, StoryboardEval.Method.LEMON, base))
                .contains("(-0.050, worse)"));
    }

    /** The stand-in personaliser's anchor: a description's first three words. */
    static String firstThreeWords(String description) {
        return String.join(
                " ",
                java.util.Arrays.asList(description.split("\\s+"))
                        .subList(0, Math.min(3, description.split("\\s+").length)));
    }
}

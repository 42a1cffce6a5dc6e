package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.pipeline.Pipeline;
import lemon.port.Checkpoints;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.RunFileTypes;
import lemon.stage.publish.PublishStage;
import lemon.stage.refine.RefineStage;
import lemon.story.Gender;
import lemon.story.Refinement;
import lemon.story.StoryCharacter;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.InMemoryBlobStore;
import lemon.testing.LoopStandIns;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/**
 * The shipped workflow's personalise → visualise → validate → refine loop through the local ASL
 * runner, over quick stand-in engines: it stops when nothing is dropped, stops at the cap, and a
 * run that failed in iteration 1 resumes to the storyboard an uninterrupted run makes.
 */
class RefineLoopWorkflowTest {
    /** A painter that remembers which request made which picture, so the validator below can answer truly. */
    static final class RememberingPainter implements ImageGenerator {
        final FixedImageGenerator inner = new FixedImageGenerator();
        final Map<Integer, Request> byPicture = new HashMap<>();
        static final byte[] GREY = grey();

        private static byte[] grey() {
            var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) image.setRGB(x, y, 0x808080);
            var png = new ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(image, "png", png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return png.toByteArray();
        }

        @Override
        public String name() {
            return "remembering";
        }

        @Override
        public synchronized List<byte[]> generate(List<Request> requests) {
            // a character's first portraits in colours far apart (seeds scrambled), a personalised one grey, nearer
            // them all: a replacement narrows the spread, so refine keeps replacing rather than sparing
            List<byte[]> out = new ArrayList<>();
            for (Request r : requests) {
                if (r.canvas() != Canvas.PORTRAIT) out.addAll(inner.generate(List.of(r)));
                else if (r.tokens().isEmpty())
                    out.addAll(inner.generate(List.of(
                            new Request(r.description(), r.seed() * 0x9E3779B97F4A7C15L, r.tokens(), r.canvas()))));
                else out.add(GREY);
            }
            for (int i = 0; i < out.size(); i++) byPicture.put(Arrays.hashCode(out.get(i)), requests.get(i));
            return out;
        }
    }

    /** Sees exactly the people a picture was asked for (their genders from the run's characters). */
    static final class TruthfulValidator implements CompatibilityValidator {
        final RememberingPainter painter;
        final InMemoryBlobStore blobs;
        final String runId;

        TruthfulValidator(RememberingPainter painter, InMemoryBlobStore blobs, String runId) {
            this.painter = painter;
            this.blobs = blobs;
            this.runId = runId;
        }

        @Override
        public String name() {
            return "truthful";
        }

        @Override
        public Verdict inspect(byte[] png) {
            ImageGenerator.Request r = painter.byPicture.get(Arrays.hashCode(png));
            List<StoryCharacter> cast = new RunStore(blobs).require(runId, "characters.json", RunFileTypes.CHARACTERS);
            List<Gender> genders = new ArrayList<>();
            for (ImageGenerator.LearnedToken t : r.tokens().values()) {
                float hash = t.embedding()[0]; // CountingPersonalizer's tokens start with the id's hash
                genders.add(cast.stream()
                        .filter(c -> (float) c.id().hashCode() == hash)
                        .findFirst()
                        .orElseThrow()
                        .gender());
            }
            return new Verdict(Math.min(3, genders.size()), genders, 1.0);
        }
    }

    record Fixture(
            InMemoryBlobStore blobs,
            Pipeline pipeline,
            StageFunctions functions,
            LoopStandIns.CountingPersonalizer personalizer) {}

    static Fixture fixture(String runId, double dropMargin, AtomicBoolean failInIterationOne) {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        RememberingPainter painter = new RememberingPainter();
        LoopStandIns.CountingPersonalizer counting = new LoopStandIns.CountingPersonalizer();
        lemon.port.Personalizer personalizer = new lemon.port.Personalizer() {
            @Override
            public String name() {
                return counting.name();
            }

            @Override
            public Result personalize(Request r, Checkpoints c) {
                // every attempt while set: the workflow retries a container stage once
                if (r.startFrom() != null && failInIterationOne.get())
                    throw new IllegalStateException("the container was stopped");
                return counting.personalize(r, c);
            }
        };
        Pipeline pipeline = TestPipelines.over(
                blobs,
                Pipeline.standard(
                        new OfflineAnalyst(),
                        new FirstPairsRetriever(),
                        new OfflineDescriber(),
                        painter,
                        new Pipeline.LoopEngines(
                                personalizer,
                                new TruthfulValidator(painter, blobs, runId),
                                new LoopStandIns.ColourScorer(),
                                -1,
                                dropMargin)));
        blobs.put("uploads/story.txt", TestRuns.STORY.getBytes(StandardCharsets.UTF_8));
        return new Fixture(blobs, pipeline, new StageFunctions(PipelineProvider.of(pipeline)), counting);
    }

    static LocalRun.Outcome run(Fixture f, String runId, int iterations, ByteArrayOutputStream log) {
        return LocalRun.start(
                f.functions(),
                "uploads/story.txt",
                new RunOptions(6, 2, 4, 2, iterations, ""),
                runId,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void theLoopStopsAfterAPassThatDropsNoPortrait() {
        Fixture f = fixture("calm", 10.0, new AtomicBoolean()); // a margin no score falls below
        var log = new ByteArrayOutputStream();
        assertTrue(run(f, "calm", 3, log).succeeded(), log.toString());
        var stages = f.pipeline().runs().manifest("calm").stages();
        assertEquals(StageState.Status.DONE, stages.get("refine").status());
        assertFalse(stages.containsKey("personalize@1"), "no second pass: " + stages.keySet());
        Refinement r = f.pipeline().runs().require("calm", RefineStage.REFINEMENT, RunFileTypes.REFINEMENT);
        assertTrue(r.dropped().isEmpty());
        assertFalse(r.again());
        assertTrue(f.blobs().get("calm/" + PublishStage.STORYBOARD).isPresent(), log.toString());
    }

    @Test
    void theLoopStopsAtTheIterationCap() {
        Fixture f = fixture("capped", 0.0, new AtomicBoolean()); // every portrait below its median goes
        var log = new ByteArrayOutputStream();
        assertTrue(run(f, "capped", 3, log).succeeded(), log.toString());
        var stages = f.pipeline().runs().manifest("capped").stages();
        for (String s : List.of("personalize", "visualize", "validate", "refine"))
            for (String key : List.of(s, s + "@1", s + "@2"))
                assertEquals(StageState.Status.DONE, stages.get(key).status(), key + " in " + stages.keySet());
        assertFalse(stages.containsKey("personalize@3"), "the cap of 3 passes: " + stages.keySet());
        Refinement last = f.pipeline()
                .runs()
                .read("capped", "iterations/2/" + RefineStage.REFINEMENT, RunFileTypes.REFINEMENT)
                .orElseThrow();
        assertFalse(last.dropped().isEmpty(), "portraits were still being dropped");
        String board =
                new String(f.blobs().get("capped/" + PublishStage.STORYBOARD).orElseThrow(), StandardCharsets.UTF_8);
        for (Refinement.Drop d : last.dropped())
            assertTrue(board.contains("src=\"" + d.replacement() + "\""), "the storyboard shows " + d);
        for (Refinement.Drop d : last.spared())
            assertTrue(board.contains("src=\"" + d.file() + "\" alt=\"low-scoring"), "the storyboard shows " + d);
        assertFalse(last.again());
        assertTrue(last.reason().contains("cap"), last.reason());
        assertEquals(3, f.personalizer().calls.get());
        assertTrue(log.toString().contains("personalize (refinement iteration 2)"), log.toString());
    }

    @Test
    void aRunThatFailedInIterationOneResumesToTheSameStoryboard() {
        Fixture straight = fixture("board", 0.0, new AtomicBoolean());
        var log = new ByteArrayOutputStream();
        assertTrue(run(straight, "board", 2, log).succeeded(), log.toString());

        AtomicBoolean fail = new AtomicBoolean(true);
        Fixture broken = fixture("board", 0.0, fail);
        log.reset();
        LocalRun.Outcome first = run(broken, "board", 2, log);
        assertFalse(first.succeeded(), log.toString());
        // a container stage fails as States.TaskFailed; the run says what the stage itself threw
        assertEquals(lemon.stage.StageErrors.PERMANENT, first.error(), first.toString());
        assertEquals("IllegalStateException: the container was stopped", first.cause(), first.toString());
        assertEquals(
                StageState.Status.FAILED,
                broken.pipeline()
                        .runs()
                        .manifest("board")
                        .stage("personalize@1")
                        .status());
        log.reset();
        fail.set(false);
        LocalRun.Outcome resumed =
                LocalRun.resume(broken.functions(), "board", new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(resumed.succeeded(), log.toString());
        for (String file : List.of(PublishStage.STORYBOARD, PublishStage.SHEET, "iterations/1/scene-checks.json"))
            assertArrayEquals(
                    straight.blobs().get("board/" + file).orElseThrow(),
                    broken.blobs().get("board/" + file).orElseThrow(),
                    file);
    }
}

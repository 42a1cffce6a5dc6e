package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.config.PipelineSettings;
import lemon.describe.OfflineDescriber;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.pipeline.Pipeline;
import lemon.port.Personalizer;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.StageCatalogue;
import lemon.storage.BlobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refine loop on the real lemon-mini engines, small: a JVM killed while personalize runs its
 * second pass is resumed, and the storyboard is byte for byte that of an uninterrupted run. A second
 * pass needs at least one picture the validator accepts: on the Forty Thieves, a cast mostly of men. Rapunzel
 * lost its last accepted picture when describe-characters began to keep what the story states, Briar Rose
 * when the princess became Briar Rose's alias, and Hansel and Grettel when "his little sister" became
 * Grettel's (the mini model at six steps paints most figures as men, and the validator checks genders, so a
 * cast of women rarely passes).
 */
class LoopResumeAfterKillTest {
    /** Four scenes, one take each, two passes at most (three scenes with two takes each cost 40% more time). */
    // two pictures a scene: with one, at these tiny budgets, none of the four pictures may pass and the loop stops
    static final RunOptions OPTIONS = new RunOptions(4, 2, 3, 2, 2, "");

    /** Every portrait below its character's median is dropped and a picture passes on people and genders alone, so a second pass comes. */
    static PipelineSettings settings(String store) {
        return Fixtures.settings(store)
                .withImageSteps(6)
                .withLoop(new PipelineSettings.Loop(12, -1, 0.0, lemon.vision.VisionSettings.MINI));
    }

    static Personalizer personalizer() {
        return Fixtures.ENGINES.personalizer(12);
    }

    /** The standard stages on the real engines, with the given personaliser and the analyst the test needs. */
    static StageCatalogue catalogue(Personalizer personalizer) {
        PipelineSettings s = settings("unused");
        return Pipeline.standard(
                new OfflineAnalyst(),
                Fixtures.ENGINES.retriever(null),
                new OfflineDescriber(),
                Fixtures.ENGINES.painter(s.imageModel(), s.imageSteps()),
                new Pipeline.LoopEngines(
                        personalizer, Fixtures.ENGINES.validator(), Fixtures.ENGINES.scorer(), -1, 0.0));
    }

    @TempDir
    Path killed;

    @TempDir
    Path clean;

    @Test
    void aRunKilledInItsSecondPersonalisationResumesToTheSameStoryboard() throws Exception {
        String upload = "uploads/forty-thieves.txt";
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        RunStore killedRuns = new RunStore(BlobStores.fromUri(killed.toString()));
        killedRuns.blobs().put(upload, Fixtures.tale("forty-thieves"));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        ResumeAfterKillTest.pathingJar(killed.resolve("classpath.jar"))
                                .toString(),
                        "-Dlemon.shared.dir=" + Fixtures.sharedDir(),
                        // the child paints and trains before the kill: with this JVM's libtorch threads, or its
                        // floating-point sums (and so the pictures) would differ from the uninterrupted run's
                        "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "1"),
                        "-Dai.djl.pytorch.num_interop_threads="
                                + System.getProperty("ai.djl.pytorch.num_interop_threads", "1"),
                        InterruptedLoopMain.class.getName(),
                        killed.toString(),
                        upload,
                        "r1")
                .redirectErrorStream(true)
                .redirectOutput(killed.resolve("child.log").toFile())
                .start();
        try {
            // the uninterrupted run goes while the child paints: both use one libtorch thread, there are two cores
            RunStore cleanRuns = new RunStore(BlobStores.fromUri(clean.toString()));
            cleanRuns.blobs().put(upload, Fixtures.tale("forty-thieves"));
            StageFunctions straight = functions(clean);
            assertTrue(LocalRun.start(straight, upload, OPTIONS, "r1", quiet).succeeded());
            assertEquals(
                    StageState.Status.DONE,
                    cleanRuns.manifest("r1").stage("refine@1").status(),
                    "the uninterrupted run made a second pass (its precondition)");
            long deadline = System.currentTimeMillis() + 240_000;
            while (!running(killedRuns, "personalize@1")) {
                assertTrue(child.isAlive(), "child died early: " + Files.readString(killed.resolve("child.log")));
                assertTrue(System.currentTimeMillis() < deadline, "child never reached personalize@1");
                Thread.sleep(200);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertEquals(
                StageState.Status.DONE,
                killedRuns.manifest("r1").stage("refine").status());

        var resumed = LocalRun.resume(functions(killed), "r1", quiet);
        assertTrue(resumed.succeeded(), resumed.toString());
        for (String file : List.of(
                "storyboard.html",
                "storyboard.png",
                "metrics.json",
                "iterations/1/scene-checks.json",
                "iterations/1/refinement.json")) {
            byte[] want = Files.readAllBytes(clean.resolve("r1").resolve(file)),
                    got = Files.readAllBytes(killed.resolve("r1").resolve(file));
            assertArrayEquals(want, got, () -> file + " differs: " + around(want, got));
        }
    }

    /** Where two texts first differ, with some context, for the failure message. */
    static String around(byte[] a, byte[] b) {
        int i = 0;
        while (i < Math.min(a.length, b.length) && a[i] == b[i]) i++;
        int from = Math.max(0, i - 200);
        return "\n  uninterrupted: …"
                + new String(a, from, Math.min(a.length, i + 100) - from, java.nio.charset.StandardCharsets.UTF_8)
                + "\n  resumed:       …"
                + new String(b, from, Math.min(b.length, i + 100) - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static StageFunctions functions(Path store) {
        Pipeline real = PipelineProvider.build(settings(store.toString()), Fixtures.ENGINES);
        return new StageFunctions(PipelineProvider.of(new Pipeline(
                real.runs(), new lemon.ingest.StoryIngest(), catalogue(personalizer()), java.time.Clock.systemUTC())));
    }

    private static boolean running(RunStore runs, String stage) {
        try {
            return runs.exists("r1") && runs.manifest("r1").stage(stage).status() == StageState.Status.RUNNING;
        } catch (RuntimeException e) {
            return false; // manifest being replaced right now
        }
    }
}

package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lemon.functions.LocalRun;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.match.MatchStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.storage.BlobStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM in the middle of match-characters, resumes the run, and checks that the
 * outputs are byte-for-byte those of an uninterrupted run.
 */
class ResumeAfterKillTest {
    private static final List<String> OUTPUTS = List.of(
            IngestStage.STORY,
            AnalyzeStage.CHARACTERS,
            AnalyzeStage.SCENES,
            AnalyzeStage.GRAPH,
            AnalyzeStage.GRAPH_SVG,
            MatchStage.MATCHES,
            DescribeStage.DESCRIPTIONS,
            PortraitsStage.PORTRAITS);

    @TempDir
    Path killed;

    @TempDir
    Path clean;

    @Test
    void resumeFinishesWithTheSameOutputs() throws Exception {
        String upload = "uploads/rapunzel.txt";
        RunStore killedRuns = new RunStore(BlobStores.fromUri(killed.toString()));
        killedRuns.blobs().put(upload, Fixtures.tale("rapunzel"));

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        pathingJar(killed.resolve("classpath.jar")).toString(),
                        "-Dlemon.shared.dir=" + Fixtures.sharedDir(),
                        InterruptedRunMain.class.getName(),
                        killed.toString(),
                        upload,
                        "r1")
                .redirectErrorStream(true)
                .redirectOutput(killed.resolve("child.log").toFile())
                .start();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try {
            // the uninterrupted run goes while the child JVM starts (it hangs in match-characters, so it waits)
            RunStore cleanRuns = new RunStore(BlobStores.fromUri(clean.toString()));
            cleanRuns.blobs().put(upload, Fixtures.tale("rapunzel"));
            var straight = LocalRun.start(
                    Fixtures.functions(Fixtures.settings(clean.toString())), upload, Fixtures.OPTIONS, "r1", quiet);
            assertTrue(straight.succeeded(), straight.toString());
            long deadline = System.currentTimeMillis() + 120_000;
            while (!matchIsRunning(killedRuns)) {
                assertTrue(child.isAlive(), "child died early: " + Files.readString(killed.resolve("child.log")));
                assertTrue(System.currentTimeMillis() < deadline, "child never reached match-characters");
                Thread.sleep(100);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        RunManifest interrupted = killedRuns.manifest("r1");
        assertEquals(
                StageState.Status.DONE, interrupted.stage(AnalyzeStage.NAME).status());
        assertEquals(
                StageState.Status.RUNNING, interrupted.stage(MatchStage.NAME).status());
        assertTrue(!Files.exists(killed.resolve("r1").resolve(MatchStage.MATCHES)));

        var resumed = LocalRun.resume(Fixtures.functions(Fixtures.settings(killed.toString())), "r1", quiet);
        assertTrue(resumed.succeeded(), resumed.toString());

        for (String file : OUTPUTS) {
            assertEquals(
                    Files.readString(clean.resolve("r1").resolve(file)),
                    Files.readString(killed.resolve("r1").resolve(file)),
                    file);
        }
        try (var pngs = Files.list(clean.resolve("r1/portraits"))) {
            for (Path png : pngs.toList()) {
                assertTrue(
                        java.util.Arrays.equals(
                                Files.readAllBytes(png),
                                Files.readAllBytes(
                                        killed.resolve("r1/portraits").resolve(png.getFileName()))),
                        png.toString());
            }
        }
        RunManifest done = killedRuns.manifest("r1");
        Fixtures.stageNames()
                .forEach(s -> assertEquals(StageState.Status.DONE, done.stage(s).status(), s));
        assertTrue(
                Files.list(killed.resolve("r1"))
                        .noneMatch(p -> p.getFileName().toString().contains(".tmp")),
                "no temporary files left behind");
    }

    /**
     * A jar whose manifest lists the test classpath. ONNX Runtime 1.29 crashes at start-up when the
     * -cp string is a few thousand characters long, which the full test classpath is.
     */
    static Path pathingJar(Path jar) throws java.io.IOException {
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes()
                .put(
                        java.util.jar.Attributes.Name.CLASS_PATH,
                        java.util.Arrays.stream(
                                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                                .map(p -> Path.of(p).toUri().toString())
                                .collect(java.util.stream.Collectors.joining(" ")));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), mf)) {
            return jar;
        }
    }

    private static boolean matchIsRunning(RunStore runs) {
        try {
            return runs.exists("r1")
                    && runs.manifest("r1").stage(MatchStage.NAME).status() == StageState.Status.RUNNING;
        } catch (RuntimeException e) {
            return false; // manifest being replaced right now
        }
    }
}

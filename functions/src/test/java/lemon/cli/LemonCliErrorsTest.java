package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /**
 * The CLI's error taxonomy as a user meets it: a configuration or input problem is one line on
 * stderr and exit 2, a failed stage one line with the resume command and exit 1, and --verbose adds
 * the stack trace; and a stored run found again by its id.
 */
@QuarkusMainTest
class LemonCliErrorsTest {

    static final Path DIR = Path.of("target/cli-errors").toAbsolutePath();
    static final String ACCESS = "cli-access";
    static final String SECRET = "cli-secret";
    static S3Proxy proxy;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
    }

    @BeforeEach
    void freshFolder() throws IOException {
        if (Files.exists(DIR)) {
            try (Stream<Path> all = Files.walk(DIR)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(DIR);
    }

    @AfterEach
    void noS3Settings() {
        for (String key : List.of("LEMON_S3_ENDPOINT", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(key);
        }
    }

    /** Exit code and the single line on stderr. */
    static String oneLine(LaunchResult r, int exitCode) {
        String err = r.getErrorOutput().strip();
        assertEquals(exitCode, r.exitCode(), err);
        assertFalse(err.contains("\n"), "one line, not:\n" + err);
        return err;
    }

    static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    static Path sparse(String name, long size) throws IOException {
        Path file = DIR.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size); // no disk used; reading it whole would
        }
        return file;
    }

    @Test
    void aStoryOverTheCapIsRefusedUnreadAndNothingIsStored(QuarkusMainLauncher launcher) throws Exception {
        Path runs = DIR.resolve("runs");
        Path huge = sparse("huge.txt", 3L * 1024 * 1024 * 1024); // Files.readAllBytes: OutOfMemoryError
        LaunchResult h = launcher.launch("run", huge.toString(), "--out", runs.toString());
        assertEquals(
                "lemon: story rejected: huge.txt is 3.0 GB, larger than the 2.0 MB cap (lemon.ingest.max-bytes)",
                oneLine(h, 2));
        assertEquals(List.of(), filesUnder(runs));

        // the time a rejection takes at all, start-up included, on this machine now
        Path small = Files.writeString(DIR.resolve("small.txt"), "The king died.");
        long t0 = System.nanoTime();
        assertEquals(
                2,
                launcher.launch("run", small.toString(), "--out", runs.toString())
                        .exitCode());
        long baseline = (System.nanoTime() - t0) / 1_000_000;
        Path big = sparse("big.txt", 500L * 1024 * 1024);
        t0 = System.nanoTime();
        LaunchResult r = launcher.launch("run", big.toString(), "--out", runs.toString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(
                "lemon: story rejected: big.txt is 500.0 MB, larger than the 2.0 MB cap (lemon.ingest.max-bytes)",
                oneLine(r, 2));
        // printed, not asserted (machines are noisy); that the file is never read is what the 3 GB case shows
        System.out.println("500 MB story refused in " + millis + " ms, a 14-byte one in " + baseline + " ms");
        assertEquals(List.of(), filesUnder(runs));
    }

    @Test
    void outNamingARegularFileIsOneLine(QuarkusMainLauncher launcher) throws Exception {
        Path file = Files.writeString(DIR.resolve("not-a-folder.txt"), "mine");
        LaunchResult r = launcher.launch("run", "example:valiant-tailor", "--out", file.toString());
        assertEquals(
                "lemon: cannot store runs in " + file + ": " + file
                        + " is a file, not a folder; choose another folder for the runs (--out DIR, or lemon.store)",
                oneLine(r, 2));
        assertEquals("mine", Files.readString(file));

        LaunchResult verbose = launcher.launch("run", "example:valiant-tailor", "--out", file.toString(), "--verbose");
        assertEquals(2, verbose.exitCode());
        String[] lines = verbose.getErrorOutput().strip().split("\n");
        assertEquals(oneLine(r, 2), lines[0]);
        assertTrue(verbose.getErrorOutput().contains("at lemon.storage.FileBlobStore"), verbose.getErrorOutput());
    }

    @Test
    void aReadOnlyOutIsOneLine(QuarkusMainLauncher launcher) throws Exception {
        Path ro = Files.createDirectories(DIR.resolve("read-only"));
        boolean mounted = false;
        ro.toFile().setWritable(false, false);
        try {
            if (Files.isWritable(ro)) { // root ignores the mode: mount a read-only file system there instead
                Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", ro.toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                mounted = p.waitFor() == 0;
                Assumptions.assumeTrue(mounted, "no read-only folder to be had here (root, and mount said: " + out);
            }
            LaunchResult r = launcher.launch(
                    "run", "example:valiant-tailor", "--out", ro.resolve("runs").toString());
            String line = oneLine(r, 2);
            assertTrue(
                    line.startsWith("lemon: cannot write to " + ro.resolve("runs") + ": ")
                            && (line.contains("read-only file system") || line.contains("permission denied"))
                            && line.contains("choose another folder for the runs (--out DIR, or lemon.store)"),
                    line);
        } finally {
            if (mounted) {
                new ProcessBuilder("umount", ro.toString()).start().waitFor();
            }
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void anS3EndpointThatIsDownIsOneLine(QuarkusMainLauncher launcher) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // nothing listens there once it is closed
        }
        System.setProperty("LEMON_S3_ENDPOINT", "http://127.0.0.1:" + closed);
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        LaunchResult r = launcher.launch("run", "example:valiant-tailor", "--store", "s3://lemon/runs");
        assertEquals(
                "lemon: cannot reach S3 at http://127.0.0.1:" + closed
                        + " (connection refused); start the server or fix LEMON_S3_ENDPOINT",
                oneLine(r, 2));
    }

    @Test
    void aMissingBucketIsOneLine(QuarkusMainLauncher launcher) {
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        System.setProperty("LEMON_S3_ENDPOINT", endpoint);
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        LaunchResult r = launcher.launch("run", "example:valiant-tailor", "--store", "s3://no-such-bucket/runs");
        assertEquals(
                "lemon: S3 bucket 'no-such-bucket' does not exist at " + endpoint
                        + "; create it (aws s3 mb s3://no-such-bucket) or fix --store / lemon.store",
                oneLine(r, 2));
    }

    @Test
    void aFailedStageIsOneLineWithTheRunIdAndTheResumeCommand(QuarkusMainLauncher launcher) throws Exception {
        Path story = Files.writeString(
                DIR.resolve("weather.txt"),
                "The wind came over the hills in the morning and the rain followed it across the fields. ".repeat(8));
        Path runs = DIR.resolve("runs");
        LaunchResult r = launcher.launch("run", story.toString(), "--out", runs.toString(), "--run-id", "weather");
        String line = oneLine(r, 1);
        assertTrue(line.startsWith("lemon: run weather failed: ") && line.contains("no characters found"), line);
        assertTrue(line.endsWith("; when that is fixed, continue with: lemon resume weather --out " + runs), line);

        // the command it names finds the run; --verbose adds the stage's stack trace to the same line
        LaunchResult again = launcher.launch("resume", "weather", "--out", runs.toString(), "--verbose");
        assertEquals(1, again.exitCode());
        String[] lines = again.getErrorOutput().strip().split("\n");
        assertEquals(line, lines[0]);
        assertTrue(again.getErrorOutput().contains("at lemon.stage.analyze.AnalyzeStage.run"), again.getErrorOutput());
    }

    @Test
    void aBadCastFileIsOneLineAndNothingIsStored(QuarkusMainLauncher launcher) throws Exception {
        Path runs = DIR.resolve("runs");
        Path story = Files.writeString(DIR.resolve("tale.txt"), "The king died. The queen wept.");
        Path cast = Files.writeString(
                DIR.resolve("cast.json"), "{\"drop\": [\"king\"], \"gender\": {\"queen\": \"royal\"}}");
        assertEquals(
                "lemon: --cast " + cast + ": the cast file is not valid: gender of 'queen' must be male, female or"
                        + " unknown, got 'royal' (expected keys: merge, split, add, rename, drop, gender)",
                oneLine(
                        launcher.launch("run", story.toString(), "--cast", cast.toString(), "--out", runs.toString()),
                        2));
        assertEquals(
                "lemon: --cast " + DIR.resolve("none.json") + ": no such file",
                oneLine(
                        launcher.launch(
                                "run",
                                story.toString(),
                                "--cast",
                                DIR.resolve("none.json").toString(),
                                "--out",
                                runs.toString()),
                        2));
        assertEquals(List.of(), filesUnder(runs));
    }

    @Test
    void badOptionsAreOneLine(QuarkusMainLauncher launcher) {
        assertEquals(
                "lemon: Invalid value for option '--scenes': 'many' is not an int (see: lemon run --help)",
                oneLine(launcher.launch("run", "--scenes", "many"), 2));
        String unknown = oneLine(launcher.launch("rn", "story.txt"), 2);
        assertTrue(unknown.startsWith("lemon: Unmatched argument") && unknown.endsWith("(see: lemon --help)"), unknown);
    }

    @Test
    void aStoryFileNamedLikeATemporaryFileIsJustAStory(QuarkusMainLauncher launcher) throws Exception {
        Path story = Files.writeString(DIR.resolve(".lemon-tmp-x.txt"), "The king died. The queen wept.");
        LaunchResult r = launcher.launch(
                "run", story.toString(), "--out", DIR.resolve("runs").toString());
        assertEquals("lemon: story rejected: _lemon-tmp-x.txt has 6 words; a story needs at least 50", oneLine(r, 2));
    }

    static final java.util.regex.Pattern BAD_ID_LINE = java.util.regex.Pattern.compile(
            "lemon: run id '.*'( \\(\\d+ characters\\))? is not valid: use 1-64 letters, digits, '\\.', '_' or '-',"
                    + " starting with a letter or digit, and not uploads or tenants \\(the store keeps its own files there\\)");

    /** The CLI's side of the run-id battery (RunIdsTest has all of it): checked before anything is stored. */
    @Test
    void aBadRunIdGetsOneLineAndNothingIsStored(io.quarkus.test.junit.main.QuarkusMainLauncher launcher) {
        java.nio.file.Path out = java.nio.file.Path.of("target/cli-bad-ids");
        LaunchResult run =
                launcher.launch("run", "example:valiant-tailor", "--out", out.toString(), "--run-id", "../../etc");
        assertEquals(2, run.exitCode(), run.getErrorOutput());
        assertTrue(BAD_ID_LINE.matcher(run.getErrorOutput().strip()).matches(), run.getErrorOutput());
        LaunchResult resume = launcher.launch("resume", "uploads", "--out", out.toString());
        assertEquals(2, resume.exitCode());
        assertTrue(BAD_ID_LINE.matcher(resume.getErrorOutput().strip()).matches(), resume.getErrorOutput());
        assertTrue(!java.nio.file.Files.exists(out), "no upload, no run, not even the folder");
    }

    /**
     * One stored run, found again: its id is the first thing run prints; runs lists it; resume
     * continues it with its own LLM and refuses another; run refuses its id with other options.
     */
    @Test
    void aRunIsFoundByItsIdAndContinuedWithItsOwnSettings(io.quarkus.test.junit.main.QuarkusMainLauncher launcher)
            throws Exception {
        java.nio.file.Path out = java.nio.file.Path.of("target/cli-runs-list");
        LemonCliTest.deleteTree(out);
        java.nio.file.Path story = java.nio.file.Path.of("target/weather.txt");
        java.nio.file.Files.writeString(
                story,
                "The wind came over the hills in the morning and the rain followed it across the fields. ".repeat(8));

        LaunchResult run = launcher.launch("run", story.toString(), "--out", out.toString(), "--scenes", "5");
        assertEquals(1, run.exitCode(), run.getErrorOutput());
        var first = java.util.regex.Pattern.compile("LeMon: run (\\d{8}-\\d{6}-[0-9a-f]{6}): target/weather.txt → .*"
                        + "\\(LLM: offline \\(rule-based analyst and describer\\)\\); if it stops: ./lemon resume "
                        + "\\1 --out target/cli-runs-list")
                .matcher(run.getOutput().lines().findFirst().orElse(""));
        assertTrue(first.matches(), run.getOutput());
        String id = first.group(1);

        LaunchResult runs = launcher.launch("runs", "--failed", "--out", out.toString());
        assertEquals(0, runs.exitCode(), runs.getErrorOutput());
        List<String> lines = runs.getOutput().lines().toList();
        assertEquals("RUN ID                  STATUS       STAGES   AGE  TITLE", lines.get(0));
        assertTrue(lines.get(1).matches(id + "  failed       1/10    +\\d+s  Weather"), lines.toString());
        assertTrue(
                lines.get(2).strip().startsWith("↳ ") && lines.get(2).contains("no characters found"),
                lines.toString());
        assertEquals("continue one with: ./lemon resume " + id + " --out target/cli-runs-list", lines.get(3));

        LaunchResult resume = launcher.launch("resume", id, "--out", out.toString());
        assertEquals(1, resume.exitCode(), "the story still has no characters");
        assertTrue(
                resume.getOutput()
                        .contains("resuming " + id + " in " + out.toAbsolutePath()
                                + " with the run's LLM: offline (rule-based analyst and describer)"),
                resume.getOutput());
        LaunchResult other = launcher.launch(
                "resume",
                id,
                "--out",
                out.toString(),
                "--llm",
                "openai",
                "--llm-model",
                "m",
                "--llm-url",
                "http://h:1/v1");
        assertEquals(2, other.exitCode());
        assertTrue(
                other.getErrorOutput()
                        .contains("was made with the LLM offline (rule-based analyst and describer); the options ask"
                                + " for another (provider offline → openai, model (none) → m, URL (none) →"
                                + " http://h:1/v1)"),
                other.getErrorOutput());

        LaunchResult again =
                launcher.launch("run", story.toString(), "--out", out.toString(), "--run-id", id, "--scenes", "7");
        assertEquals(2, again.exitCode());
        assertTrue(
                again.getErrorOutput()
                        .strip()
                        .matches(
                                "lemon: run '" + id + "' already exists with other settings \\(--scenes: the run has 5,"
                                        + " this request 7\\); choose another --run-id for a new run, or continue that one"
                                        + " with: lemon resume " + id),
                again.getErrorOutput());
        assertEquals(
                List.of(id),
                java.nio.file.Files.list(out)
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals("uploads"))
                        .toList());
    }
}

package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI as a user runs it, in the packaged Quarkus application. */
@QuarkusMainTest
class LemonCliTest {
    @Test
    @Launch({
        "run",
        "example:valiant-tailor",
        "--out",
        "target/cli-runs",
        "--scenes",
        "10",
        "--portraits",
        "1",
        "--run-id",
        "tailor"
    })
    void runsABundledExampleAndSummarises(LaunchResult result) {
        String out = result.getOutput();
        assertTrue(
                out.contains("[1/6] ingest")
                        && out.contains("[5/6] generate-portraits")
                        && out.contains("[6/6] publish"),
                out);
        assertTrue(out.contains("run tailor done") && out.contains("report.html"), out);
        assertTrue(out.toLowerCase().contains("tailor") && out.toLowerCase().contains("giant"), out);
    }

    @Test
    @Launch(
            value = {"run", "no/such/story.txt"},
            exitCode = 2)
    void aMissingFileIsOneClearLine(LaunchResult result) {
        assertEquals(
                "lemon: no such story file: no/such/story.txt",
                result.getErrorOutput().strip());
    }

    @Test
    @Launch(
            value = {"run", "example:valiant-tailor", "--llm", "gpt-banana"},
            exitCode = 2)
    void anUnknownLlmProviderIsRejected(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("unknown LLM provider 'gpt-banana'"), result.getErrorOutput());
    }

    @Test
    @Launch(
            value = {
                "run",
                "example:valiant-tailor",
                "--out",
                "target/cli-runs",
                "--portraits",
                "0",
                "--run-id",
                "no-portraits"
            },
            exitCode = 2)
    void zeroPortraitsIsRefusedBeforeAnythingIsStored(LaunchResult result) {
        assertEquals(
                "lemon: --portraits must be at least 1, got 0",
                result.getErrorOutput().strip());
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("target/cli-runs/no-portraits")));
    }

    @Test
    @Launch({
        "generate",
        "an old man with a white beard, dressed in a green robe",
        "-n",
        "2",
        "--steps",
        "5",
        "--out",
        "target/cli-runs/old-man.png"
    })
    void generateWritesAContactSheet(LaunchResult result) throws Exception {
        assertTrue(result.getOutput().contains("2 portraits (64×64, 5 DDIM steps"), result.getOutput());
        var sheet = javax.imageio.ImageIO.read(new java.io.File("target/cli-runs/old-man.png"));
        assertTrue(sheet.getWidth() >= 2 * 128 && sheet.getHeight() >= 128, sheet.getWidth() + "×" + sheet.getHeight());
    }

    @Test
    @Launch(
            value = {"generate", "a tall knight", "--rescale", "2"},
            exitCode = 2)
    void generateRefusesAGuidanceRescaleOutsideZeroToOne(LaunchResult result) {
        assertEquals(
                "lemon: --rescale must be between 0 and 1, got 2.0",
                result.getErrorOutput().strip());
    }

    @Test
    @Launch(
            value = {"generate", " "},
            exitCode = 2)
    void generateNeedsADescription(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("lemon: give a description"), result.getErrorOutput());
    }

    @Test
    @Launch(
            value = {"generate", "a tall knight", "--weights", "no/such/dir"},
            exitCode = 2)
    void generateWithMissingWeightsNamesThem(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("no/such/dir"), result.getErrorOutput());
    }

    @Test
    void analyzePrintsCharactersAndScenesOfAStoryFile(io.quarkus.test.junit.main.QuarkusMainLauncher launcher)
            throws Exception {
        java.nio.file.Path story = java.nio.file.Path.of("target/cli-runs/analyze-story.txt");
        java.nio.file.Files.createDirectories(story.getParent());
        java.nio.file.Files.writeString(
                story,
                ("Once a poor miller named Hans lived by the river with his daughter Greta. "
                                + "Hans told the king that Greta could spin straw into gold. The king locked Greta in a tower full of straw. "
                                + "Greta wept until a little man named Rumpel appeared and spun the straw for her necklace. ")
                        .repeat(3));
        LaunchResult result = launcher.launch("analyze", story.toString(), "--scenes", "4");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String out = result.getOutput();
        assertTrue(out.contains("== " + story) && out.contains("Greta") && out.contains("scenes:"), out);
    }

    @Test
    @Launch({"cd-database", "--out", "target/cli-runs/cd-database.jsonl"})
    void cdDatabaseRegeneratesTheBundledFile(LaunchResult result) throws Exception {
        assertTrue(result.getOutput().startsWith("wrote "), result.getOutput());
        byte[] bundled;
        try (var in = lemon.cd.CdDatabase.class.getResourceAsStream(lemon.cd.CdDatabase.BUNDLED_RESOURCE)) {
            bundled = in.readAllBytes();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                bundled, java.nio.file.Files.readAllBytes(java.nio.file.Path.of("target/cli-runs/cd-database.jsonl")));
    }

    @Test
    void aSingleStageRunsOnAStoredRunAsAContainerTaskWould(io.quarkus.test.junit.main.QuarkusMainLauncher launcher) {
        LaunchResult run = launcher.launch(
                "run",
                "example:ali-baba",
                "--out",
                "target/cli-runs",
                "--scenes",
                "5",
                "--portraits",
                "1",
                "--run-id",
                "staged");
        assertEquals(0, run.exitCode(), run.getErrorOutput());
        LaunchResult again = launcher.launch("stage", "generate-portraits", "staged", "--out", "target/cli-runs");
        assertEquals(0, again.exitCode(), again.getErrorOutput());
        assertTrue(
                again.getOutput().contains("\"stage\" : \"generate-portraits\"")
                        && again.getOutput().contains("reused"),
                again.getOutput());
        LaunchResult unknown = launcher.launch("stage", "paint-everything", "staged", "--out", "target/cli-runs");
        assertEquals(2, unknown.exitCode());
        assertTrue(
                unknown.getErrorOutput().contains("no stage function 'paint-everything'; known: "),
                unknown.getErrorOutput());
    }

    @Test
    @Launch(
            value = {"resume", "never-ran", "--out", "target/cli-runs"},
            exitCode = 2)
    void resumingAnUnknownRunSaysWhereItLooked(LaunchResult result) {
        assertTrue(
                result.getErrorOutput().contains("no run 'never-ran' in ")
                        && result.getErrorOutput().contains("cli-runs"),
                result.getErrorOutput());
    }

    static final java.util.regex.Pattern BAD_ID_LINE = java.util.regex.Pattern.compile(
            "lemon: run id '.*'( \\(\\d+ characters\\))? is not valid: use 1-64 letters, digits, '\\.', '_' or '-',"
                    + " starting with a letter or digit, and not uploads \\(the store keeps its own files there\\)");

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
        deleteTree(out);
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
        assertTrue(lines.get(1).matches(id + "  failed       1/6     +\\d+s  Weather"), lines.toString());
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

    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (var all = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path p :
                        all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }
}

package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/**
 * /**
 * The CLI as a user runs it, in the packaged Quarkus application: a whole run through the loop, the
 * single-stage and generate commands, and the refusals made from the arguments alone. Its error
 * taxonomy with stores, stories and run ids is {@link LemonCliErrorsTest}; the two classes run in
 * the test's two JVMs at once.
 */
@QuarkusMainTest
class LemonCliTest {
    @Test
    void runsABundledExampleThroughTheLoopToAStoryboardAndSummarises(QuarkusMainLauncher launcher) throws Exception {
        deleteTree(java.nio.file.Path.of("target/cli-runs/tailor-storyboard")); // a run of an earlier build
        LaunchResult result = launcher.launch(
                "run",
                "example:valiant-tailor",
                "--out",
                "target/cli-runs",
                "--scenes",
                "4",
                "--portraits",
                "2",
                "--seeds-per-scene",
                "1",
                "--iterations",
                "1",
                "--run-id",
                "tailor-storyboard");
        assertEquals(0, result.exitCode(), result.getErrorOutput());

        String out = result.getOutput();
        assertTrue(
                out.contains("[1/10] ingest")
                        && out.contains("[5/10] generate-portraits")
                        && out.contains("[6/10] personalize")
                        && out.contains("[9/10] refine")
                        && out.contains("[10/10] publish"),
                out);
        assertTrue(out.contains("run tailor-storyboard done") && out.contains("storyboard.html"), out);
        assertTrue(
                out.contains("cost: $") && out.contains("prices of 20"), "the cost line with its prices' date: " + out);
        assertTrue(
                java.nio.file.Files.exists(java.nio.file.Path.of("target/cli-runs/tailor-storyboard/storyboard.png")),
                out);
        assertTrue(out.toLowerCase().contains("tailor") && out.toLowerCase().contains("giant"), out);
    }

    @Test
    void anUnknownOptionPointsToTheCommandsHelpWhichExists(QuarkusMainLauncher launcher) {
        LaunchResult wrong = launcher.launch("eval-storyboard", "--storys", "x");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.getErrorOutput().contains("lemon eval-storyboard --help"), wrong.getErrorOutput());
        LaunchResult help = launcher.launch("eval-storyboard", "--help");
        assertEquals(0, help.exitCode(), help.getErrorOutput());
        assertTrue(help.getOutput().contains("Usage: lemon eval-storyboard"), help.getOutput());
        assertTrue(help.getOutput().contains("--stories"), help.getOutput());
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
                "--iterations",
                "0",
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
        // a container task of a tenant's run looks in that tenant's folder only
        LaunchResult elsewhere = launcher.launch(
                "stage", "generate-portraits", "staged", "--out", "target/cli-runs", "--tenant", "acme");
        assertEquals(2, elsewhere.exitCode());
        assertTrue(
                elsewhere.getErrorOutput().contains("no run 'staged' in ")
                        && elsewhere.getErrorOutput().contains("tenants/acme/"),
                elsewhere.getErrorOutput());
        LaunchResult badTenant =
                launcher.launch("stage", "generate-portraits", "staged", "--out", "target/cli-runs", "--tenant", "A/B");
        assertEquals(2, badTenant.exitCode());
        assertTrue(badTenant.getErrorOutput().contains("is not a tenant id"), badTenant.getErrorOutput());
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

    static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        lemon.util.FileTrees.delete(dir);
    }
}

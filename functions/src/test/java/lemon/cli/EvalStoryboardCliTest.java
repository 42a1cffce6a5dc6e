package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import lemon.run.Json;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/**
 * {@code lemon eval-storyboard} as a user runs it, with the real bundled models on tiny budgets
 * (two scenes, one portrait, one picture per scene, one iteration, two personalisation and two
 * sampling steps): every table and the JSON come out, and a rerun reuses the run.
 */
@QuarkusMainTest
class EvalStoryboardCliTest {
    /**
     * The tiny budgets as system properties, which each launch reads like any other config source:
     * a test profile would cost this module a second build of the application.
     */
    static final Map<String, String> TINY = Map.of("lemon.loop.personalize-steps", "2", "lemon.images.steps", "2");

    @Test
    void measuresTheTestStoryAndReusesItsRun(QuarkusMainLauncher launcher) throws Exception {
        TINY.forEach(System::setProperty);
        try {
            measure(launcher);
        } finally {
            TINY.keySet().forEach(System::clearProperty);
        }
    }

    private void measure(QuarkusMainLauncher launcher) throws Exception {
        Path out = Path.of("target/eval-storyboard-cli");
        if (Files.exists(out)) {
            try (Stream<Path> old = Files.walk(out)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(out);
        Path story = Files.writeString(out.resolve("market-day.txt"), TestRuns.STORY);
        String[] args = {
            "eval-storyboard",
            "--stories",
            story.toString(),
            "--out",
            out.toString(),
            "--scenes",
            "2",
            "--portraits",
            "1",
            "--seeds-per-scene",
            "1",
            "--iterations",
            "1"
        };
        LaunchResult first = launcher.launch(args);
        String text = first.getOutput();
        assertEquals(0, first.exitCode(), text + first.getErrorOutput());
        assertTrue(text.contains("market-day") && text.contains("personalize steps 2"), text);
        assertTrue(text.contains("LeMon vs Base: within-character consistency"), text);
        assertTrue(text.contains("dressed as described"), "the command reads each person with the probe: " + text);
        assertTrue(text.contains("ran ") && text.contains("painted in"), text);
        JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("eval-storyboard.json")));
        JsonNode s = json.path("stories").get(0);
        assertEquals("market-day-t2-o1-s1-i1-ps2-is2", s.path("runId").asText(), json.toString());
        assertTrue(s.path("methods").path("Base").path("crops").asInt() > 0, json.toString());
        assertEquals(
                s.path("methods").path("Base").path("crops").asInt(),
                s.path("methods").path("LeMon").path("crops").asInt());

        LaunchResult again = launcher.launch(args);
        assertEquals(0, again.exitCode(), again.getOutput() + again.getErrorOutput());
        assertTrue(
                again.getOutput().contains("reused") && again.getOutput().contains("Base pictures reused"),
                again.getOutput());
        assertEquals(
                s.path("methods"),
                Json.MAPPER
                        .readTree(Files.readAllBytes(out.resolve("eval-storyboard.json")))
                        .path("stories")
                        .get(0)
                        .path("methods"));
    }
}

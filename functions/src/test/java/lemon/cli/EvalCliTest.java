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
import java.util.stream.Stream;
import lemon.run.Json;
import lemon.testing.TestRuns;
import org.junit.jupiter.api.Test;

/**
 * {@code lemon eval} as a user runs it, every method on the real bundled models at tiny budgets (two
 * scenes, one portrait, one picture per scene, one iteration, two personalisation and two sampling
 * steps): both tables, the paired comparison and eval.json come out, each method's run carries its
 * switches, a rerun reuses every run, and an unknown method is refused before anything runs.
 */
@QuarkusMainTest
class EvalCliTest {
    @Test
    void measuresEveryMethodOnTheTestStoryAndReusesTheRuns(QuarkusMainLauncher launcher) throws Exception {
        EvalStoryboardCliTest.TINY.forEach(System::setProperty);
        try {
            measure(launcher);
        } finally {
            EvalStoryboardCliTest.TINY.keySet().forEach(System::clearProperty);
        }
    }

    private void measure(QuarkusMainLauncher launcher) throws Exception {
        Path out = Path.of("target/eval-cli");
        if (Files.exists(out)) {
            try (Stream<Path> old = Files.walk(out)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(out);
        Path story = Files.writeString(out.resolve("market-day.txt"), TestRuns.STORY);

        LaunchResult refused = launcher.launch("eval", "--stories", story.toString(), "--methods", "lemon,dreambooth");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.getErrorOutput().contains("no method 'dreambooth'"), refused.getErrorOutput());
        LaunchResult noSeeds = launcher.launch("eval", "--stories", story.toString(), "--seeds", "0");
        assertEquals(2, noSeeds.exitCode());
        assertTrue(noSeeds.getErrorOutput().contains("--seeds must be 1–10"), noSeeds.getErrorOutput());

        String[] args = {
            "eval",
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
        for (String row : new String[] {
            "| Base |",
            "| Textual Inversion |",
            "| NeTI-like |",
            "| LeMon |",
            "| LeMon\\ICL |",
            "| LeMon\\Rank |",
            "| LeMon\\Graph |",
            "| LeMon\\Lct |",
            "| LeMon\\Iter |"
        }) assertTrue(text.contains(row), row + " in\n" + text);
        assertTrue(text.contains("Table 2 layout") && text.contains("Table 4 layout"), text);
        assertTrue(text.contains("LeMon against each method, story by story"), text);
        assertTrue(text.contains("step budget: 2 per personalised method"), text);
        assertEquals(
                text.strip().lines().filter(l -> l.startsWith("# lemon eval")).count(), 1);
        assertTrue(Files.readString(out.resolve("eval.md")).contains("| LeMon\\Iter |"));

        JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("eval.json")));
        JsonNode lemon = json.path("pooled").path("lemon");
        assertTrue(lemon.path("crops").asInt() > 0, json.toString());
        assertEquals(
                lemon.path("pictures").asInt(),
                json.path("pooled").path("base").path("pictures").asInt());
        assertEquals(0, json.path("pooled").path("base").path("steps").asInt());
        assertTrue(json.path("lemonAgainst").has("ti"), json.toString());
        JsonNode runs = json.path("stories").get(0).path("runs");
        assertEquals(7, runs.size(), runs.toString());
        // each run carries its method's switches in its manifest
        JsonNode ti = Json.MAPPER.readTree(
                Files.readAllBytes(out.resolve(runs.path("ti").asText() + "/manifest.json")));
        assertTrue(ti.path("components").path("personalizer").asText().contains("L=0, no mapper"), ti.toString());
        JsonNode rank = Json.MAPPER.readTree(
                Files.readAllBytes(out.resolve(runs.path("no-rank").asText() + "/manifest.json")));
        assertTrue(rank.path("components").path("retriever").asText().startsWith("random"), rank.toString());
        JsonNode icl = Json.MAPPER.readTree(
                Files.readAllBytes(out.resolve(runs.path("no-icl").asText() + "/manifest.json")));
        assertTrue(icl.path("components").path("describer").asText().endsWith("(no examples)"), icl.toString());

        LaunchResult again = launcher.launch(args);
        assertEquals(0, again.exitCode(), again.getOutput() + again.getErrorOutput());
        assertEquals(
                7,
                again.getErrorOutput()
                        .lines()
                        .filter(l -> l.contains(": reused ("))
                        .count(),
                again.getErrorOutput());
        assertEquals(
                json.path("pooled"),
                Json.MAPPER
                        .readTree(Files.readAllBytes(out.resolve("eval.json")))
                        .path("pooled"),
                "a rerun measures the same");
    }
}

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
 * {@code lemon eval --quick} as CI runs it: every method on the real bundled models at tiny budgets
 * over two short stories; every method and metric has a finite number, both tables, the paired
 * comparison, eval.json, the charts and the picture page come out, each method's run carries its
 * switches, a rerun reuses every run, and an unknown method or seed count is refused before anything runs.
 */
@QuarkusMainTest
class EvalCliTest {
    static final String HARBOUR = """
            Mira Lund was a young woman with black hair who mended nets in the harbour, always in her green coat.
            Every evening Mira Lund sat with Old Tomas, a grey-haired fisherman in a brown coat, and Tomas told her
            about the storms. One spring Petra Holm, a blonde girl in a red dress, came down to the harbour with
            bread. Petra Holm gave the bread to Old Tomas, and Mira Lund laughed while Tomas ate. When the boats
            came home, Mira Lund and Petra Holm carried the nets together, and Old Tomas watched them from the pier.
            """;

    @Test
    void measuresEveryMethodOnTwoStoriesAndReusesTheRuns(QuarkusMainLauncher launcher) throws Exception {
        measure(launcher);
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

        Path other = Files.writeString(out.resolve("harbour.txt"), HARBOUR);
        String[] args = {"eval", "--quick", "--stories", story.toString(), other.toString(), "--out", out.toString()};
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
            "| LeMon\\Pairs |",
            "| LeMon\\Iter |"
        }) assertTrue(text.contains(row), row + " in\n" + text);
        assertTrue(text.contains("Table 2 layout") && text.contains("Table 4 layout"), text);
        // the per-story table: a cell under every heading, LeMon's passes included
        String header =
                text.lines().filter(l -> l.startsWith("| story |")).findFirst().orElseThrow();
        String row = text.lines()
                .filter(l -> l.startsWith("| market-day |"))
                .findFirst()
                .orElseThrow();
        assertTrue(header.endsWith("| LeMon passes |"), header);
        assertEquals(
                header.chars().filter(c -> c == '|').count(),
                row.chars().filter(c -> c == '|').count(),
                row);
        assertTrue(text.contains("LeMon against each method, story by story"), text);
        assertTrue(text.contains("step budget: 2 per personalised method"), text);
        assertEquals(
                text.strip().lines().filter(l -> l.startsWith("# lemon eval")).count(), 1);
        assertTrue(Files.readString(out.resolve("eval.md")).contains("| LeMon\\Iter |"));

        JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(out.resolve("eval.json")));
        // every method has a finite number for every metric (null in the JSON is one that was not measured)
        for (LemonEval.Method m : LemonEval.Method.values())
            for (LemonEval.Metric metric : LemonEval.METRICS) {
                JsonNode v = json.path("pooled").path(m.key).path(metric.key());
                assertTrue(v.isNumber() && Double.isFinite(v.asDouble()), m.key + " " + metric.key() + ": " + v);
            }
        assertEquals(2, json.path("stories").size());
        assertTrue(Files.readString(out.resolve("eval.html")).contains("alt=\"LeMon\\Graph, scene "));
        for (LemonEval.Metric metric : LemonEval.METRICS)
            assertTrue(Files.size(out.resolve("chart-" + metric.key() + ".png")) > 1000, metric.key());
        JsonNode lemon = json.path("pooled").path("lemon");
        assertTrue(lemon.path("crops").asInt() > 0, json.toString());
        assertEquals(
                lemon.path("pictures").asInt(),
                json.path("pooled").path("base").path("pictures").asInt());
        assertEquals(0, json.path("pooled").path("base").path("steps").asInt());
        assertTrue(json.path("lemonAgainst").has("ti"), json.toString());
        JsonNode runs = json.path("stories").get(0).path("runs");
        assertEquals(8, runs.size(), runs.toString());
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
                16,
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

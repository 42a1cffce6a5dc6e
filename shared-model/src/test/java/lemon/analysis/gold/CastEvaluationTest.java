package lemon.analysis.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lemon.analysis.OfflineAnalyst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CastEvaluationTest {
    @Test
    void theSixteenStoriesAreScoredAndPrintedBesideTheBaseline(@TempDir Path tmp) throws Exception {
        List<CastScore> scores = CastEvaluation.score(new OfflineAnalyst(), GoldCastsTest.data(), 30);
        assertEquals(GoldCast.STORIES, scores.stream().map(CastScore::story).toList());
        Map<String, CastEvaluation.Counts> baseline = CastEvaluation.bundledBaseline();
        assertEquals(GoldCast.STORIES, List.copyOf(baseline.keySet()), "the baseline covers every story");

        var buf = new ByteArrayOutputStream();
        CastEvaluation.print(scores, baseline, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        for (String story : GoldCast.STORIES) assertTrue(out.contains("\n" + story + " "), story + " row:\n" + out);
        // pooled rows carry the baseline in brackets: "47% (47%)"
        assertTrue(
                out.lines().anyMatch(l -> l.startsWith("the twelve tales") && l.matches(".*\\d+% \\(\\s*\\d+%\\).*")),
                out);

        // a saved baseline reads back as the same counts
        Path file = tmp.resolve("baseline.json");
        CastEvaluation.writeBaseline(scores, file);
        Map<String, CastEvaluation.Counts> again = CastEvaluation.readBaseline(Files.readAllBytes(file));
        for (CastScore s : scores) assertEquals(CastEvaluation.Counts.of(s), again.get(s.story()));
    }
}

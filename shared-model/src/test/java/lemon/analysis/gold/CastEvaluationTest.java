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
        // and the exact fractions behind the rounded pooled figures
        assertTrue(
                out.lines()
                        .anyMatch(
                                l -> l.matches(
                                        "the twelve tales: recall \\d+/\\d+ = [\\d.]+%, precision \\d+/\\d+ = [\\d.]+%, gender .*")),
                out);

        // a saved baseline reads back as the same counts
        Path file = tmp.resolve("baseline.json");
        CastEvaluation.writeBaseline(scores, file);
        Map<String, CastEvaluation.Counts> again = CastEvaluation.readBaseline(Files.readAllBytes(file));
        for (CastScore s : scores) assertEquals(CastEvaluation.Counts.of(s), again.get(s.story()));
    }

    @Test
    void cuesCountOnlyForFoundCharactersAndTellKeptFromContradicted() throws Exception {
        // a describer that writes each found character's gold cue values keeps every cue it is judged on
        Map<String, CastEvaluation.CueScore> echo =
                CastEvaluation.cues(new OfflineAnalyst(), GoldCastsTest.data(), 30, (text, cast) -> {
                    Map<String, String> out = new java.util.HashMap<>();
                    for (String story : GoldCast.STORIES) {
                        GoldCast g = GoldCast.bundled(story);
                        CastScore s = CastScore.of(g, cast);
                        for (GoldCast.Cue c : g.cues()) {
                            String id = s.assigned().get(c.character());
                            if (id != null) out.merge(id, c.value(), (a, b) -> a + ", " + b);
                        }
                    }
                    return out;
                });
        CastEvaluation.CueScore forty = echo.get("forty-thieves");
        assertTrue(forty.judged() > 10, forty.toString());
        assertEquals(forty.judged(), forty.kept(), forty.toString());
        // one that calls everyone "a young woman" contradicts the men's gender cues
        Map<String, CastEvaluation.CueScore> wrong =
                CastEvaluation.cues(new OfflineAnalyst(), GoldCastsTest.data(), 30, (text, cast) -> {
                    Map<String, String> out = new java.util.HashMap<>();
                    cast.forEach(c -> out.put(c.id(), "a young woman in a blue dress"));
                    return out;
                });
        assertTrue(
                wrong.get("forty-thieves").contradicted() > 0,
                wrong.get("forty-thieves").toString());
    }

    @Test
    void aLookalikeRepeatsAFaceOrHairOfSomeoneDescribedBefore() {
        assertEquals(
                2,
                CastEvaluation.lookalikes(List.of(
                        "a tall man, a lined face and calm eyes, thinning chestnut hair, wearing a coat",
                        "a short woman, a round face, thinning chestnut hair, wearing a dress",
                        "a young girl, a lined face and calm eyes, red hair",
                        "an old man, a lined face, white hair, wearing a lined coat")));
        // the same coat or build is no lookalike: only the face and the hair are
        assertEquals(0, CastEvaluation.lookalikes(List.of("a man, wearing a coat", "a woman, wearing a coat")));
    }
}

package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.pipelines.PortraitPipeline;
import org.junit.jupiter.api.Test;

/** The scene report's shape on a handful of scenes (its numbers are eval-mini's business). */
class EvalScenesTest {
    static {
        TestEnv.init();
    }

    @Test
    void theSceneReportScoresGeneratedUnconditionalAndRealScenes() throws Exception {
        AttributeProbe probe = AttributeProbe.trainOnScenes(7, 300, 2, 128, 64);
        try (PortraitPipeline gen = PortraitPipeline.loadDefault();
                MiniValidatorAdapter validator = MiniValidatorAdapter.bundled()) {
            EvalScenes.Result r =
                    EvalScenes.evaluate(gen, validator, probe, 3, 1000, PortraitPipeline.Sampling.DEFAULT.withSteps(2));
            assertEquals(3, r.scenes());
            assertEquals(3, r.byPeople()[0] + r.byPeople()[1] + r.byPeople()[2]);
            assertEquals(r.byPeople()[0] + 2 * r.byPeople()[1] + 3 * r.byPeople()[2], r.people());
            assertEquals(3, r.generatedImages().size());
            assertEquals(128, r.generatedImages().get(0).getWidth());
            assertEquals(64, r.generatedImages().get(0).getHeight());
            assertTrue(
                    r.captions().stream().noneMatch(String::isBlank),
                    r.captions().toString());
            for (EvalScenes.Scores s : List.of(r.generated(), r.unconditional(), r.realRenders())) {
                for (double v : new double[] {s.count(), s.gender(), s.hair(), s.clothing()})
                    assertTrue(v >= 0 && v <= 1, s.toString());
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            EvalScenes.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
            String table = buf.toString(StandardCharsets.UTF_8);
            System.out.print(table);
            assertTrue(table.startsWith("3 held-out scene captions"), table);
            assertTrue(table.contains("64×32 canvas → 128×64"), table);
            for (String row : List.of(
                    "people count (validator)",
                    "gender (per person)",
                    "hair colour (per person)",
                    "clothing colour (per person)"))
                assertTrue(
                        table.lines()
                                .anyMatch(l -> l.startsWith(row)
                                        && l.chars().filter(c -> c == '%').count() == 3),
                        row + " row with three percentages:\n" + table);
        }
    }

    @Test
    void evalMiniTakesASceneCountAndZeroSkipsTheReport() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        EvalMini.run(
                List.of("--validator", "0", "--clip", "0", "--diffusion", "0", "--scenes", "0"),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals("", buf.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> EvalMini.run(List.of("--scene", "3"), System.out));
    }
}

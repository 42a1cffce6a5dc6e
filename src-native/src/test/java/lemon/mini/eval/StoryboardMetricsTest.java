package lemon.mini.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StoryboardMetricsTest {
    private static final double EPS = 1e-9;

    /** Three characters along three axes. */
    static Map<String, float[]> refs() {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("anna", new float[] {1, 0, 0});
        m.put("boris", new float[] {0, 1, 0});
        m.put("carl", new float[] {0, 0, 1});
        return m;
    }

    @Test
    void aReferenceIsTheMeanOfThePortraits() {
        assertArrayEquals(
                new float[] {0.5f, 0.5f, 0},
                StoryboardMetrics.mean(List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0})),
                1e-6f);
        assertThrows(IllegalArgumentException.class, () -> StoryboardMetrics.mean(List.of()));
    }

    @Test
    void aCropScoresItsOwnCosineTheOthersMeanAndTheNearestCharacter() {
        // halfway between anna and boris, a little nearer boris
        StoryboardMetrics.CropScore s = StoryboardMetrics.score("anna", new float[] {3, 4, 0}, refs());
        assertEquals(0.6, s.own(), EPS);
        assertEquals((0.8 + 0.0) / 2, s.others(), EPS);
        assertEquals("boris", s.nearest());
        assertFalse(s.identified());
        StoryboardMetrics.CropScore right = StoryboardMetrics.score("carl", new float[] {0, 1, 2}, refs());
        assertTrue(right.identified());
        assertEquals(2 / Math.sqrt(5), right.own(), EPS);
        // alone in its story: no other character to compare with
        StoryboardMetrics.CropScore alone =
                StoryboardMetrics.score("anna", new float[] {1, 1, 0}, Map.of("anna", new float[] {1, 0, 0}));
        assertTrue(Double.isNaN(alone.others()));
        assertTrue(alone.identified());
        assertThrows(
                IllegalArgumentException.class, () -> StoryboardMetrics.score("dora", new float[] {1, 0, 0}, refs()));
    }

    @Test
    void consistencyIdentificationAndMultiCharacterSuccessOverATally() {
        StoryboardMetrics.Tally t = new StoryboardMetrics.Tally();
        t.add(StoryboardMetrics.score("anna", new float[] {1, 0, 0}, refs())); // own 1, right
        t.add(StoryboardMetrics.score("boris", new float[] {1, 1, 0}, refs())); // own .707, nearest anna (first)
        t.add(StoryboardMetrics.score("carl", new float[] {0, 0, 2}, refs())); // own 1, right
        // single ones do not count for multi-character success, but do for count matching
        t.picture(2, 2).picture(3, 2).picture(2, 2).picture(1, 1).picture(1, 3);
        StoryboardMetrics.Summary s = t.summary();
        assertEquals(3, s.crops());
        assertEquals((1 + Math.sqrt(0.5) + 1) / 3, s.consistency(), EPS);
        assertEquals(2.0 / 3, s.identification(), EPS);
        assertEquals((0 + Math.sqrt(0.5) / 2 + 0) / 3, s.otherCosine(), EPS);
        assertEquals(3, s.multiPictures());
        assertEquals(2, s.multiOk());
        assertEquals(2.0 / 3, s.multiSuccess(), EPS);
        assertEquals(5, s.pictures());
        assertEquals(3, s.countOk());
        assertEquals(3.0 / 5, s.countMatch(), EPS);
    }

    @Test
    void talliesPoolOverStoriesByCropAndPicture() {
        StoryboardMetrics.Tally a = new StoryboardMetrics.Tally()
                .add(StoryboardMetrics.score("anna", new float[] {1, 0, 0}, refs()))
                .picture(2, 2);
        StoryboardMetrics.Tally b = new StoryboardMetrics.Tally()
                .add(StoryboardMetrics.score("anna", new float[] {0, 1, 0}, refs()))
                .add(StoryboardMetrics.score("anna", new float[] {0, 0, 1}, refs()))
                .picture(2, 1)
                .picture(3, 1);
        StoryboardMetrics.Summary pooled =
                StoryboardMetrics.Tally.of(List.of(a, b)).summary();
        assertEquals(3, pooled.crops());
        assertEquals(1.0 / 3, pooled.consistency(), EPS);
        assertEquals(1.0 / 3, pooled.identification(), EPS);
        assertEquals(1.0 / 3, pooled.multiSuccess(), EPS);
    }

    @Test
    void nothingMeasuredIsNotANumberNotZero() {
        StoryboardMetrics.Summary s = new StoryboardMetrics.Tally().summary();
        assertEquals(0, s.crops());
        assertTrue(Double.isNaN(s.consistency()) && Double.isNaN(s.identification()));
        assertTrue(Double.isNaN(s.multiSuccess()));
    }

    @Test
    void spreadReadsTheMeanOverCharacters() {
        assertEquals(0.2, StoryboardMetrics.meanSpread(Map.of("anna", 0.1, "boris", 0.3)), EPS);
        assertTrue(Double.isNaN(StoryboardMetrics.meanSpread(Map.of())));
        assertTrue(Double.isNaN(StoryboardMetrics.meanSpread(null)));
    }

    @Test
    void cropsAreThePaintedCharactersSquaresLeftToRight() throws Exception {
        BufferedImage scene = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xFF0000, 0x00FF00};
        for (int x = 0; x < 128; x++) for (int y = 0; y < 64; y++) scene.setRGB(x, y, colours[x / 64]);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scene, "png", png);
        List<byte[]> crops = StoryboardMetrics.crops(png.toByteArray(), 2);
        assertEquals(2, crops.size());
        for (int i = 0; i < 2; i++) {
            BufferedImage c = ImageIO.read(new ByteArrayInputStream(crops.get(i)));
            assertEquals(64, c.getWidth());
            assertEquals(64, c.getHeight());
            assertEquals(colours[i], c.getRGB(32, 32) & 0xFFFFFF, "crop " + i);
        }
    }

    @Test
    void aLeadIsTheMeanDifferenceWithItsStandardErrorAndCountsTheStoriesAhead() {
        var lead = StoryboardMetrics.Lead.of(java.util.Arrays.asList(0.01, 0.03, -0.01, Double.NaN));
        assertEquals(3, lead.n(), "a story with nothing measured is left out");
        assertEquals(0.01, lead.mean(), 1e-12);
        // deviations 0, 0.02, -0.02: variance 0.0008 / 2, standard error sqrt(0.0004 / 3)
        assertEquals(Math.sqrt(0.0004 / 3), lead.standardError(), 1e-12);
        assertEquals(2, lead.above());
        assertFalse(lead.decisive(), "0.01 is less than two standard errors (0.023)");
        assertTrue(StoryboardMetrics.Lead.of(List.of(0.02, 0.021, 0.019)).decisive());
        assertTrue(Double.isNaN(StoryboardMetrics.Lead.of(List.of(0.02)).standardError()));
        assertEquals(0, StoryboardMetrics.Lead.of(List.of()).n());
    }
}

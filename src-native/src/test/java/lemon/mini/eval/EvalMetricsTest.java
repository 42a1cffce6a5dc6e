package lemon.mini.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation's metrics on hand-made embeddings, where each answer is known. */
class EvalMetricsTest {
    static final float[] X = {1, 0}, Y = {0, 1}, XY = {1, 1};

    @Test
    void pairwiseCosineAveragesEveryUnorderedPairOnce() {
        // pairs: X·Y = 0, X·XY = Y·XY = 1/√2
        assertEquals(2 / Math.sqrt(2) / 3, EvalMetrics.meanPairwiseCosine(List.of(X, Y, XY)), 1e-9);
        assertTrue(Double.isNaN(EvalMetrics.meanPairwiseCosine(List.of(X))));
    }

    @Test
    void aCropIsCopiedOnlyWhenItsPixelsFollowOneOfItsPortraits() {
        java.awt.image.BufferedImage stripes = image(8, (x, y) -> x % 2 == 0 ? 0xFFFFFF : 0x000000);
        java.awt.image.BufferedImage brighter = image(8, (x, y) -> x % 2 == 0 ? 0xFFFFFF : 0x404040);
        java.awt.image.BufferedImage rows = image(8, (x, y) -> y % 2 == 0 ? 0xFFFFFF : 0x000000);
        assertEquals(1.0, EvalMetrics.pixelCorrelation(brighter, stripes), 1e-9, "a brightness change is still a copy");
        assertEquals(0.0, EvalMetrics.pixelCorrelation(rows, stripes), 1e-9);
        assertTrue(EvalMetrics.copied(brighter, List.of(rows, stripes)));
        assertFalse(EvalMetrics.copied(rows, List.of(stripes)));
        // a crop at twice the size is compared at the portrait's
        java.awt.image.BufferedImage big = image(16, (x, y) -> (x / 2) % 2 == 0 ? 0xFFFFFF : 0x000000);
        assertTrue(EvalMetrics.pixelCorrelation(big, stripes) > 0.5);
    }

    static java.awt.image.BufferedImage image(int size, java.util.function.IntBinaryOperator rgb) {
        var img = new java.awt.image.BufferedImage(size, size, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.setRGB(x, y, rgb.applyAsInt(x, y));
        return img;
    }

    @Test
    void coherenceIsWithinCharactersAndDistinctnessBetweenThem() {
        Map<String, List<float[]>> portraits = new LinkedHashMap<>();
        portraits.put("a", List.of(X, X));
        portraits.put("b", List.of(Y, Y));
        portraits.put("c", List.of(XY)); // one portrait: no within-pair
        assertEquals(1.0, EvalMetrics.portraitCoherence(portraits), 1e-9);
        // cross pairs: a–b 4 × 0, a–c 2 × 1/√2, b–c 2 × 1/√2: mean 4/√2 / 8
        assertEquals(1 - 4 / Math.sqrt(2) / 8, EvalMetrics.portraitDistinctness(portraits), 1e-9);
        assertTrue(Double.isNaN(EvalMetrics.portraitDistinctness(Map.of("a", List.of(X, Y)))));
    }

    @Test
    void aPairedLeadIsDecisiveOnlyWhenLargerThanTwoStandardErrors() {
        EvalMetrics.Paired steady = EvalMetrics.paired(new double[] {0.5, 0.6, 0.7}, new double[] {0.4, 0.5, 0.6});
        assertEquals(3, steady.stories());
        assertEquals(0.1, steady.meanDifference(), 1e-9);
        assertEquals(0.0, steady.sd(), 1e-9);
        assertEquals(3, steady.wins());
        assertTrue(steady.decisive());

        EvalMetrics.Paired noisy =
                EvalMetrics.paired(new double[] {0.9, 0.1, 0.6, Double.NaN}, new double[] {0.5, 0.5, 0.5, 0.2});
        assertEquals(3, noisy.stories(), "a story without both numbers is left out");
        assertEquals(2, noisy.wins());
        assertFalse(noisy.decisive(), "mean 0.033, sd 0.404: within the spread");
        assertFalse(EvalMetrics.paired(new double[] {0.9}, new double[] {0.1}).decisive(), "one story decides nothing");
    }

    @Test
    void withSeveralSeedsALeadMustAlsoBeatTheSeedToSeedSpread() {
        // two stories, two seeds each: LeMon leads by 0.1 on average, but its seeds swing by ±0.3
        List<double[]> lemon = List.of(new double[] {0.8, 0.4}, new double[] {0.9, 0.5});
        List<double[]> base = List.of(new double[] {0.5, 0.5}, new double[] {0.6, 0.6});
        EvalMetrics.Paired p = EvalMetrics.paired(lemon, base);
        assertEquals(2, p.stories());
        assertEquals(0.1, p.meanDifference(), 1e-9);
        assertEquals(0.0, p.sd(), 1e-9, "the same per-story lead in both stories");
        assertEquals(Math.sqrt(0.08), p.seedSpread(), 1e-9);
        assertFalse(p.decisive(), "a steady lead across stories, but within the seed noise");
        List<double[]> steady = List.of(new double[] {0.61, 0.59}, new double[] {0.71, 0.69});
        assertTrue(EvalMetrics.paired(steady, base).decisive());
    }

    @Test
    void meanAndSdSkipMissingValues() {
        double[] m = EvalMetrics.meanAndSd(new double[] {1, Double.NaN, 3});
        assertEquals(2, m[0], 1e-9);
        assertEquals(Math.sqrt(2), m[1], 1e-9);
        assertTrue(Double.isNaN(EvalMetrics.meanAndSd(new double[] {Double.NaN})[0]));
    }

    @Test
    void truthCountsOnlyWhatADescriptionStates() {
        EvalMetrics.Truth t = new EvalMetrics.Truth(3)
                .person(new int[] {0, 2, -1}, new int[] {0, 2, 5}) // both stated right; clothing not stated
                .person(new int[] {1, 3, 4}, new int[] {1, 0, 4}) // hair wrong
                .person(new int[] {-1, -1, -1}, new int[] {0, 0, 0}); // nothing stated: not counted
        assertEquals(2, t.people());
        assertEquals(1.0, t.accuracy(0), 1e-9);
        assertEquals(0.5, t.accuracy(1), 1e-9);
        assertEquals(1.0, t.accuracy(2), 1e-9);
        assertEquals(1, t.stated(2));
        assertEquals(0.5, t.allRight(), 1e-9);
        EvalMetrics.Truth both = new EvalMetrics.Truth(3).addAll(t).addAll(t);
        assertEquals(4, both.people());
        assertEquals(0.5, both.allRight(), 1e-9);
    }
}

package lemon.stage.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eq. 5's scores, which portraits go, and which painted candidate may take a dropped one's place. */
class GroupSimilarityTest {
    static float[] v(float... x) {
        return x;
    }

    @Test
    void aPortraitUnlikeTheAcceptedSceneScoresBelowItsCharacterSiblings() {
        // the scene shows a (along x) and b (along y); a's third portrait points along z
        var anchor = new GroupSimilarity.Anchor(v(1, 1, 0), List.of("a", "b"));
        Map<String, List<float[]>> portraits = Map.of(
                "a", List.of(v(1, 0, 0), v(1, 0.1f, 0), v(0, 0, 1)),
                "b", List.of(v(0, 1, 0), v(0.1f, 1, 0)));
        double[] a = GroupSimilarity.scores(List.of(anchor), portraits, 60, 1).get("a");
        assertTrue(a[2] < a[0] && a[2] < a[1], java.util.Arrays.toString(a));
        assertEquals(List.of(2), GroupSimilarity.toDrop(a, 0.05));
    }

    @Test
    void atMostHalfAreDroppedLowestFirstAndOnlyBelowTheMarginUnderTheMedian() {
        assertEquals(List.of(0, 3), GroupSimilarity.toDrop(new double[] {0.1, 0.9, 0.8, 0.2, 0.85}, 0.1));
        assertEquals(List.of(), GroupSimilarity.toDrop(new double[] {0.8, 0.79, 0.81}, 0.05), "all near the median");
        assertEquals(List.of(), GroupSimilarity.toDrop(new double[] {0.1, Double.NaN}, 0.0), "one scored: nothing");
    }

    @Test
    void aCandidateReplacesADroppedPortraitOnlyWhenTheSpreadFalls() {
        List<float[]> portraits = List.of(v(1, 0, 0), v(1, 0.2f, 0), v(0, 0, 1));
        List<float[]> candidates = List.of(v(0, 1, 0), v(1, 0.1f, 0.1f), v(1, 0, 0.3f));
        assertEquals(1, GroupSimilarity.replacement(portraits, 2, candidates), "the one that leaves them least spread");
        assertEquals(
                -1,
                GroupSimilarity.replacement(portraits, 0, List.of(v(0, -1, 0), v(-1, 0, 0))),
                "none lowers the spread: the portrait stays");
    }

    @Test
    void spreadIsZeroForAlikePortraitsAndGrowsAsTheyPartWays() {
        assertEquals(0, GroupSimilarity.spread(List.of(v(1, 0), v(2, 0))), 1e-9);
        assertEquals(1, GroupSimilarity.spread(List.of(v(1, 0), v(0, 1))), 1e-9);
        assertTrue(
                GroupSimilarity.spread(List.of(v(1, 0), v(1, 1))) < GroupSimilarity.spread(List.of(v(1, 0), v(0, 1))));
    }
}

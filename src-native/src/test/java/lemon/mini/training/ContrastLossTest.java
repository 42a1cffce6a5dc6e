package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** L_ct (Eq. 4) on four unit vectors: two characters, two samples each. */
class ContrastLossTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    static final double C = Math.cos(Math.PI / 3), S = Math.sin(Math.PI / 3);
    // e0 = (1, 0) and e1 = (cos 60°, sin 60°) are character 0; e2 = (0, 1) and e3 = (−1, 0) are character 1
    static final float[] E = {1, 0, (float) C, (float) S, 0, 1, -1, 0};
    static final int[] WHO = {0, 0, 1, 1};
    static final boolean[] ALL = {true, true, true, true};

    @Test
    void samePairsBelowDeltaAndDifferentPairsAddUp() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray e = m.create(E, new Shape(4, 2));
            // same: e0·e1 = 0.5 and e2·e3 = 0, δ = 0.8 → (0.3 + 0.8) / 2 = 0.55 (each pair counted both ways)
            // different: e0·e2 = 0, e0·e3 = −1, e1·e2 = sin 60°, e1·e3 = −0.5 → (−1.5 + 0.866) / 4 = −0.1585
            double expected = 0.55 + (-1.5 + S) / 4;
            assertEquals(expected, ContrastLoss.of(e, WHO, ALL, 0.8f, -1f).getFloat(), 1e-6);
            // pairs already above δ add nothing: with δ = 0 only the different pairs count
            assertEquals((-1.5 + S) / 4, ContrastLoss.of(e, WHO, ALL, 0f, -1f).getFloat(), 1e-6);
            // samples left out take no part: without e3 the same pairs are (0, 1) only, the different (0, 2), (1, 2)
            boolean[] no3 = {true, true, true, false};
            assertEquals(0.3 + S / 2, ContrastLoss.of(e, WHO, no3, 0.8f, -1f).getFloat(), 1e-6);
            assertEquals(0f, ContrastLoss.of(e, WHO, new boolean[4], 0.8f, -1f).getFloat(), "no pairs, no loss");
        }
    }

    @Test
    void aPushFloorLeavesPairsAlreadyApartAlone() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray e = m.create(E, new Shape(4, 2));
            e.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = NonFiniteGuard.collector()) {
                loss = ContrastLoss.of(e, WHO, ALL, 0f, 0f);
                gc.backward(loss);
            }
            // floor 0: of the different pairs only e1·e2 = sin 60° is above it, counted both ways of 8
            assertEquals(S / 4, loss.getFloat(), 1e-6);
            float[] g = e.getGradient().toFloatArray();
            // e0 and e3 take part in no pair above the floor (and δ = 0 asks nothing of same pairs): no gradient
            assertArrayEquals(new float[] {0, 0}, new float[] {g[0], g[1]}, 1e-7f);
            assertArrayEquals(new float[] {0, 0}, new float[] {g[6], g[7]}, 1e-7f);
            // e1 is pushed away from e2 alone: ∂/∂e1 = 2·e2/8
            assertEquals(0.25, g[3], 1e-6);
        }
    }

    @Test
    void itsGradientPullsOneCharacterTogetherAndPushesTwoApart() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray e = m.create(E, new Shape(4, 2));
            e.setRequiresGradient(true);
            try (GradientCollector gc = NonFiniteGuard.collector()) {
                gc.backward(ContrastLoss.of(e, WHO, ALL, 0.8f, -1f));
            }
            float[] g = e.getGradient().toFloatArray();
            // ∂/∂e0: the ordered same pairs (0,1), (1,0) of 4 give −2·e1/4; the different (0,2), (2,0), (0,3), (3,0) of
            // 8
            // give 2·(e2 + e3)/8
            assertEquals(-C / 2 - 0.25, g[0], 1e-6);
            assertEquals(-S / 2 + 0.25, g[1], 1e-6);
            // a step down the gradient: character 0's samples closer, e1 and e2 (different characters) further apart
            float[] x = E.clone();
            for (int i = 0; i < x.length; i++) x[i] -= 0.1f * g[i];
            assertTrue(dot(x, 0, 1) > dot(E, 0, 1), "same character pulled together");
            assertTrue(dot(x, 1, 2) < dot(E, 1, 2), "different characters pushed apart");
        }
    }

    private static double dot(float[] v, int i, int j) {
        return v[2 * i] * v[2 * j] + v[2 * i + 1] * v[2 * j + 1];
    }
}

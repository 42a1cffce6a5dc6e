package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Eq. 2 on a graph small enough to work out by hand. */
class GraphNetworkTest {
    // Nodes 0–2 with w01 = 1, w02 = 0.5 and no 1–2 edge; node 3 has no edges at all.
    static final float[][] W = {
        {0, 1, 0.5f, 0},
        {1, 0, 0, 0},
        {0.5f, 0, 0, 0},
        {0, 0, 0, 0}
    };
    static final float[] E = {1, 0, 0, 2, 1, 1, 0, -3}; // e0 = (1, 0), e1 = (0, 2), e2 = (1, 1), e3 = (0, −3)
    static final float[] LINEAR = {1, 0, 0, 1, 0, -1, 1, 0}; // W = [[1, 0, 0, 1], [0, −1, 1, 0]] on [mean | self]

    @Test
    void oneRoundByHand() {
        try (NDManager m = TestSupport.manager();
                GraphNetwork g = new GraphNetwork(2, 1, W, m)) {
            g.params().load(GraphNetwork.weight(0), new long[] {2, 4}, LINEAR);
            float[] out = run(m, g);
            // node 0: mean of w01·e1 and w02·e2 = ((0, 2) + (0.5, 0.5)) / 2 = (0.25, 1.25); W·[mean | e0] = (0.25,
            // −0.25);
            // tanh keeps the direction (1, −1); scaled to |e0| = 1
            assertPoint(0.70710678, -0.70710678, out, 0);
            // node 1: only neighbour 0, mean (1, 0); W·(1, 0, 0, 2) = (3, 0) → (tanh 3, 0) → length |e1| = 2
            assertPoint(2, 0, out, 1);
            // node 2: mean 0.5·e0 = (0.5, 0); W·(0.5, 0, 1, 1) = (1.5, 1) → (tanh 1.5, tanh 1) = (0.905148, 0.761594),
            // scaled to |e2| = √2: (1.082122, 0.910501)
            assertPoint(1.0821223, 0.9105006, out, 2);
            // node 3 is isolated: its neighbour mean is zero; W·(0, 0, 0, −3) = (−3, 0) → (−3, 0) at length 3
            assertPoint(-3, 0, out, 3);
        }
    }

    @Test
    void roundsRepeatWithTheirOwnWeights() {
        try (NDManager m = TestSupport.manager();
                GraphNetwork g = new GraphNetwork(2, 2, W, m)) {
            g.params().load(GraphNetwork.weight(0), new long[] {2, 4}, LINEAR);
            g.params().load(GraphNetwork.weight(1), new long[] {2, 4}, LINEAR);
            float[] out = run(m, g);
            // the isolated node after round 1 is (−3, 0); round 2: W·(0, 0, −3, 0) = (0, −3) → (0, −3)
            assertPoint(0, -3, out, 3);
            assertEquals(2, g.rounds());
        }
    }

    @Test
    void untrainedNetworkHandsTheTokensOnAlmostUnchanged() {
        float[] words = new float[4 * 8];
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < words.length; i++) words[i] = (float) r.nextGaussian() * 0.1f; // word-embedding scale
        try (NDManager m = TestSupport.manager();
                GraphNetwork g = new GraphNetwork(8, 2, W, m)) {
            g.params().attachTo(m);
            float[] out = g.forward(m.create(words, new Shape(4, 8))).toFloatArray();
            for (int i = 0; i < words.length; i++) assertEquals(words[i], out[i], 0.01 * 0.4, "coordinate " + i);
        }
    }

    private static float[] run(NDManager m, GraphNetwork g) {
        try (NDManager scope = m.newSubManager()) {
            g.params().attachTo(scope);
            NDArray e = scope.create(E, new Shape(4, 2));
            return g.forward(e).toFloatArray();
        }
    }

    private static void assertPoint(double x, double y, float[] out, int node) {
        assertEquals(x, out[2 * node], 1e-5, "node " + node + " x");
        assertEquals(y, out[2 * node + 1], 1e-5, "node " + node + " y");
    }
}

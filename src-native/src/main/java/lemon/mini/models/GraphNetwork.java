package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The interaction-weighted graph network of Eq. 2 (GraphSAGE-style): each of L rounds takes, per
 * character n, the mean of w_nj·e_j over its neighbours j, concatenates it with e_n, applies a
 * linear map W_l and a nonlinearity, and normalises. The outputs stand for the characters' tokens.
 *
 * <p>Choices the paper leaves open, made for token embeddings: σ = tanh, which keeps the sign of
 * every coordinate (ReLU would zero half of a word embedding) and is nearly linear at word scale
 * (|coordinates| &lt; 0.15 in the mini text encoder); the normalisation is L2 to the length of the
 * node's own input, so outputs stay as long as word embeddings, which is what the text encoder
 * reads. W_l starts as [0 | I], so an untrained network hands each token on almost unchanged
 * (tanh bends it by under 1%) and training starts from the class words. An isolated character's
 * neighbour mean is zero.
 */
public final class GraphNetwork implements AutoCloseable {
    private final int width, rounds, nodes;
    private final float[] mean;
    private final Params params;

    /**
     * @param weights symmetric [N][N] interaction weights w_nj (0: no edge; the diagonal is ignored)
     */
    public GraphNetwork(int width, int rounds, float[][] weights, NDManager parent) {
        this.width = width;
        this.rounds = rounds;
        this.nodes = weights.length;
        this.mean = meanMatrix(weights);
        this.params = new Params(parent);
        float[] init = new float[width * 2 * width];
        for (int i = 0; i < width; i++) init[i * 2 * width + width + i] = 1f; // [0 | I]
        for (int l = 0; l < rounds; l++)
            params.put(weight(l), params.manager().create(init, new Shape(width, 2L * width)));
    }

    /** A[n][j] = w_nj / |NN(n)| for neighbours j of n: A·E is the mean of the weighted neighbours. */
    static float[] meanMatrix(float[][] w) {
        int n = w.length;
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            if (w[i].length != n) throw new IllegalArgumentException("interaction weights must be square");
            int degree = 0;
            for (int j = 0; j < n; j++) if (j != i && w[i][j] != 0) degree++;
            for (int j = 0; j < n; j++) if (j != i && w[i][j] != 0) a[i * n + j] = w[i][j] / degree;
        }
        return a;
    }

    static String weight(int round) {
        return "W." + round;
    }

    public Params params() {
        return params;
    }

    public int rounds() {
        return rounds;
    }

    /** Eq. 2 applied L times to node embeddings e [N, width]; call with the parameters attached to a scope. */
    public NDArray forward(NDArray e) {
        if (e.getShape().get(0) != nodes || e.getShape().get(1) != width)
            throw new IllegalArgumentException(
                    "expected [" + nodes + ", " + width + "] embeddings, got " + e.getShape());
        NDArray a = e.getManager().create(mean, new Shape(nodes, nodes));
        for (int l = 0; l < rounds; l++) {
            NDArray h = a.matMul(e).concat(e, 1); // [mean of w_nj·e_j | e_n]
            NDArray y = Activation.tanh(h.matMul(params.get(weight(l)).transpose()));
            e = y.mul(
                    e.norm(new int[] {1}, true).div(y.norm(new int[] {1}, true).add(1e-8f)));
        }
        return e;
    }

    @Override
    public void close() {
        params.close();
    }
}

package lemon.engine.matcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import lemon.retrieval.TopK;
import lemon.retrieval.Vectors;

/**
 * Times {@link TopK} on random L2-normalised embeddings against a naive baseline measured in the
 * same run (score every row, box the scores, full sort); {@code lemon bench-topk} runs it.
 */
public final class TopKBenchmark {
    private TopKBenchmark() {}

    public static final int DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_K = 5;
    public static final int DEFAULT_QUERIES = 200;

    /** One line per dimension: ms/query of TopK and of the baseline, the speed-up and mismatches. */
    public static void run(int rows, List<Integer> dims, int k, int queries, PrintStream out) {
        if (rows < 1 || k < 1 || queries < 1 || dims.isEmpty() || dims.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("rows, k, queries and every dimension must be positive (rows " + rows
                    + ", dims " + dims + ", k " + k + ", queries " + queries + ")");
        }
        out.printf(
                "TopK benchmark: %d rows, k=%d, %d queries, %d cores%n",
                rows, k, queries, Runtime.getRuntime().availableProcessors());
        for (int dim : dims) run(rows, dim, k, queries, out);
    }

    private static void run(int rows, int dim, int k, int queries, PrintStream out) {
        Random rnd = new Random(1);
        float[] data = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            float[] v = randomUnit(rnd, dim);
            System.arraycopy(v, 0, data, r * dim, dim);
        }
        float[][] qs = new float[queries][];
        for (int i = 0; i < queries; i++) qs[i] = randomUnit(rnd, dim);
        TopK topK = new TopK(data, dim);
        // Warm both paths up so the JIT has compiled them before timing.
        for (int i = 0; i < 20; i++) {
            topK.search(qs[i % queries], k);
            naive(data, dim, qs[i % queries], k);
        }
        int mismatches = 0;
        long t0 = System.nanoTime();
        List<List<TopK.Hit>> fast = new ArrayList<>();
        for (float[] q : qs) fast.add(topK.search(q, k));
        double fastMs = (System.nanoTime() - t0) / 1e6 / queries;
        int naiveQueries = Math.max(1, queries / 4);
        t0 = System.nanoTime();
        for (int i = 0; i < naiveQueries; i++) {
            int[] slow = naive(data, dim, qs[i], k);
            for (int j = 0; j < k; j++) if (slow[j] != fast.get(i).get(j).index()) mismatches++;
        }
        double naiveMs = (System.nanoTime() - t0) / 1e6 / naiveQueries;
        out.printf(
                "dim %3d: TopK %.2f ms/query, naive full sort %.2f ms/query, speed-up %.1fx, "
                        + "target ≤ 20 ms %s, result mismatches %d%n",
                dim, fastMs, naiveMs, naiveMs / fastMs, fastMs <= 20 ? "met" : "MISSED", mismatches);
    }

    /** Baseline: every score boxed into an index array, sorted by score descending. */
    static int[] naive(float[] data, int dim, float[] q, int k) {
        int rows = data.length / dim;
        float[] scores = new float[rows];
        for (int r = 0; r < rows; r++) {
            float s = 0;
            for (int i = 0; i < dim; i++) s += q[i] * data[r * dim + i];
            scores[r] = s;
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] out = new int[Math.min(k, rows)];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        return out;
    }

    private static float[] randomUnit(Random rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) v[i] = (float) rnd.nextGaussian();
        return Vectors.normalize(v);
    }
}

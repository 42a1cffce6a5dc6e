package lemon.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void matchesBruteForceOnRandomData() {
        Random r = new Random(11);
        for (int dim : new int[] {3, 16, 130}) {
            int n = 1000;
            float[][] rows = new float[n][dim];
            for (float[] row : rows) {
                for (int i = 0; i < dim; i++) row[i] = (float) r.nextGaussian();
                Vectors.normalize(row);
            }
            TopK index = TopK.of(rows);
            for (int k : new int[] {1, 5, 37, 1000, 2000}) {
                float[] q = new float[dim];
                for (int i = 0; i < dim; i++) q[i] = (float) r.nextGaussian();
                Vectors.normalize(q);
                List<TopK.Hit> got = index.search(q, k);
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < n; i++) order.add(i);
                order.sort(Comparator.<Integer>comparingDouble(i -> -dotScore(rows[i], q))
                        .thenComparingInt(i -> i));
                assertEquals(Math.min(k, n), got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(dotScore(rows[order.get(i)], q), got.get(i).score(), 1e-5);
                }
                for (int i = 1; i < got.size(); i++) {
                    assert got.get(i - 1).score() >= got.get(i).score();
                }
            }
        }
    }

    @Test
    void parallelChunkedScanMatchesBruteForce() {
        Random r = new Random(3);
        int n = 70_000, dim = 8;
        float[] flat = new float[n * dim];
        for (int i = 0; i < flat.length; i++) flat[i] = (float) r.nextGaussian();
        TopK index = new TopK(flat, dim);
        float[] q = new float[dim];
        for (int i = 0; i < dim; i++) q[i] = (float) r.nextGaussian();
        List<TopK.Hit> got = index.search(q, 10);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++)
            scores[i] = Vectors.dot(q, java.util.Arrays.copyOfRange(flat, i * dim, i * dim + dim));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        for (int i = 0; i < 10; i++)
            assertEquals(scores[order.get(i)], got.get(i).score(), 1e-5);
    }

    @Test
    void tiesKeepLowerIndexFirst() {
        float[][] rows = {{1, 0}, {0, 1}, {1, 0}, {1, 0}};
        List<TopK.Hit> hits = TopK.of(rows).search(new float[] {1, 0}, 2);
        assertEquals(List.of(0, 2), hits.stream().map(TopK.Hit::index).toList());
    }

    private static float dotScore(float[] a, float[] b) {
        // Same summation order as TopK is not guaranteed, hence the tolerance above.
        return Vectors.dot(a, b);
    }
}

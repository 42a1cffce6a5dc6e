package lemon.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Cosine top-K over a flat row-major matrix of L2-normalised rows (so cosine = dot product).
 * One pass computing dot products while a size-K min-heap keeps the best; O(n·d + n·log K).
 * Immutable and thread-safe.
 */
public final class TopK {
    public record Hit(int index, float score) {}

    private final float[] data;
    private final int dim;
    private final int rows;

    public TopK(float[] data, int dim) {
        if (dim <= 0 || data.length % dim != 0) {
            throw new IllegalArgumentException("matrix length " + data.length + " is not a multiple of dim " + dim);
        }
        this.data = data;
        this.dim = dim;
        this.rows = data.length / dim;
    }

    public static TopK of(float[][] rows) {
        int dim = rows.length == 0 ? 1 : rows[0].length;
        float[] flat = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) throw new IllegalArgumentException("row " + i + " has length " + rows[i].length);
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        return new TopK(flat, dim);
    }

    public int size() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The min(k, size) best rows, highest score first; ties broken by lower index. */
    public List<Hit> search(float[] query, int k) {
        if (query.length != dim) throw new IllegalArgumentException("query has " + query.length + " dims, matrix " + dim);
        int cap = Math.min(k, rows);
        if (cap <= 0) return List.of();
        // Min-heap on (score, -index): the root is the weakest hit kept so far.
        int[] hIdx = new int[cap];
        float[] hScore = new float[cap];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            float s = dot(query, r * dim);
            if (n < cap) {
                hIdx[n] = r;
                hScore[n] = s;
                siftUp(hIdx, hScore, n++);
            } else if (s > hScore[0]) { // equal score: the earlier (lower) index stays
                hIdx[0] = r;
                hScore[0] = s;
                siftDown(hIdx, hScore, n);
            }
        }
        // Pop the heap: weakest first, fill from the back.
        Hit[] out = new Hit[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = new Hit(hIdx[0], hScore[0]);
            hIdx[0] = hIdx[i];
            hScore[0] = hScore[i];
            siftDown(hIdx, hScore, i);
        }
        return new ArrayList<>(List.of(out));
    }

    private float dot(float[] q, int off) {
        // Four accumulators let the JIT pipeline the multiply-adds.
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            a0 += q[i] * data[off + i];
            a1 += q[i + 1] * data[off + i + 1];
            a2 += q[i + 2] * data[off + i + 2];
            a3 += q[i + 3] * data[off + i + 3];
        }
        for (; i < dim; i++) a0 += q[i] * data[off + i];
        return (a0 + a1) + (a2 + a3);
    }

    /** true when a is a weaker hit than b (lower score, or same score and later index). */
    private static boolean weaker(float sa, int ia, float sb, int ib) {
        return sa < sb || (sa == sb && ia > ib);
    }

    private static void siftUp(int[] idx, float[] sc, int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!weaker(sc[i], idx[i], sc[p], idx[p])) break;
            swap(idx, sc, i, p);
            i = p;
        }
    }

    private static void siftDown(int[] idx, float[] sc, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && weaker(sc[l], idx[l], sc[m], idx[m])) m = l;
            if (r < n && weaker(sc[r], idx[r], sc[m], idx[m])) m = r;
            if (m == i) return;
            swap(idx, sc, i, m);
            i = m;
        }
    }

    private static void swap(int[] idx, float[] sc, int a, int b) {
        int ti = idx[a]; idx[a] = idx[b]; idx[b] = ti;
        float ts = sc[a]; sc[a] = sc[b]; sc[b] = ts;
    }
}

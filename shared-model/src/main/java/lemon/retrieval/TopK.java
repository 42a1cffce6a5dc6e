package lemon.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Cosine top-K over a flat row-major matrix of L2-normalised rows (so cosine = dot product).
 * One pass computing dot products while a size-K min-heap keeps the best; O(n·d + n·log K).
 * Matrices above 32k rows are scanned in chunks in parallel. Immutable and thread-safe.
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
        if (query.length != dim)
            throw new IllegalArgumentException("query has " + query.length + " dims, matrix " + dim);
        int cap = Math.min(k, rows);
        if (cap <= 0) return List.of();
        int chunks = rows < PARALLEL_MIN_ROWS ? 1 : (rows + CHUNK - 1) / CHUNK;
        if (chunks == 1) return scan(query, cap, 0, rows).drain();
        // Large matrices: scan chunks on the common pool (the scan is memory-bound, so using
        // every core's bandwidth is what pays), then merge the per-chunk heaps.
        Heap merged = IntStream.range(0, chunks)
                .parallel()
                .mapToObj(c -> scan(query, cap, c * CHUNK, Math.min(rows, (c + 1) * CHUNK)))
                .reduce(new Heap(cap), Heap::merge, Heap::merge);
        return merged.drain();
    }

    private static final int CHUNK = 16_384;
    private static final int PARALLEL_MIN_ROWS = 2 * CHUNK;

    private Heap scan(float[] q, int cap, int from, int to) {
        Heap h = new Heap(cap);
        for (int r = from; r < to; r++) h.offer(r, dot(q, r * dim));
        return h;
    }

    /** Size-bounded min-heap on (score, -index): the root is the weakest hit kept so far. */
    private static final class Heap {
        final int[] idx;
        final float[] score;
        int n;

        Heap(int cap) {
            idx = new int[cap];
            score = new float[cap];
        }

        void offer(int r, float s) {
            if (n < idx.length) {
                idx[n] = r;
                score[n] = s;
                siftUp(idx, score, n++);
            } else if (weaker(score[0], idx[0], s, r)) {
                idx[0] = r;
                score[0] = s;
                siftDown(idx, score, n);
            }
        }

        Heap merge(Heap other) {
            Heap out = new Heap(idx.length);
            for (int i = 0; i < n; i++) out.offer(idx[i], score[i]);
            for (int i = 0; i < other.n; i++) out.offer(other.idx[i], other.score[i]);
            return out;
        }

        /** Empties the heap, best hit first. */
        List<Hit> drain() {
            Hit[] out = new Hit[n];
            for (int i = n - 1; i >= 0; i--) {
                out[i] = new Hit(idx[0], score[0]);
                idx[0] = idx[i];
                score[0] = score[i];
                siftDown(idx, score, i);
            }
            n = 0;
            return new ArrayList<>(List.of(out));
        }
    }

    private float dot(float[] q, int off) {
        // Independent accumulators let the CPU overlap the multiply-adds (Java will not reorder
        // a single float sum on its own).
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int i = 0;
        for (; i + 7 < dim; i += 8) {
            a0 += q[i] * data[off + i];
            a1 += q[i + 1] * data[off + i + 1];
            a2 += q[i + 2] * data[off + i + 2];
            a3 += q[i + 3] * data[off + i + 3];
            a4 += q[i + 4] * data[off + i + 4];
            a5 += q[i + 5] * data[off + i + 5];
            a6 += q[i + 6] * data[off + i + 6];
            a7 += q[i + 7] * data[off + i + 7];
        }
        for (; i < dim; i++) a0 += q[i] * data[off + i];
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
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
        int ti = idx[a];
        idx[a] = idx[b];
        idx[b] = ti;
        float ts = sc[a];
        sc[a] = sc[b];
        sc[b] = ts;
    }
}

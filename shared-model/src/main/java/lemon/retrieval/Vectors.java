package lemon.retrieval;

import java.util.List;

/** Small vector helpers for L2-normalised embeddings. */
public final class Vectors {
    private Vectors() {}

    /** Scales v in place to unit length (a zero vector stays zero) and returns it. */
    public static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) n += (double) x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / n);
        return v;
    }

    public static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Normalised mean of the given vectors (all of one length, at least one). */
    public static float[] meanNormalized(List<float[]> vs) {
        float[] m = new float[vs.get(0).length];
        for (float[] v : vs) for (int i = 0; i < m.length; i++) m[i] += v[i];
        return normalize(m);
    }
}

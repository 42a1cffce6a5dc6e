package lemon.util;

/** Embedding arithmetic shared by the refine stage, the text conditioning and the evaluations, so they measure alike. */
public final class Vectors {
    private Vectors() {}

    /** Cosine similarity of two vectors of one length (0 when either is all zeros). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length)
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}

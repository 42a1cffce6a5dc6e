package lemon.port;

import java.util.List;

/**
 * CLIP's role in the paper: images and texts into one embedding space, where cosine similarity says
 * how well a picture shows a prompt (CLIP-T), or how alike two pictures are (CLIP-I). Vectors are
 * L2-normalised, so a dot product is the cosine. The bundled CLIP-mini implements it; an ONNX CLIP
 * implements it in the engine container.
 */
public interface ImageTextScorer {
    /** Model and its checksum, for the manifest. */
    String name();

    float[][] embedImages(List<byte[]> pngs);

    float[][] embedTexts(List<String> texts);

    /** Cosine similarity of each image with the text at the same index. */
    default double[] textImageScores(List<byte[]> pngs, List<String> texts) {
        if (pngs.size() != texts.size()) {
            throw new IllegalArgumentException(pngs.size() + " images but " + texts.size() + " texts");
        }
        float[][] images = embedImages(pngs);
        float[][] words = embedTexts(texts);
        double[] scores = new double[images.length];
        for (int i = 0; i < images.length; i++) {
            scores[i] = dot(images[i], words[i]);
        }
        return scores;
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

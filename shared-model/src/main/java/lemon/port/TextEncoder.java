package lemon.port;

import java.util.List;

/** Sentence encoder: one L2-normalised vector per text. */
public interface TextEncoder {
    int dimension();

    float[][] encode(List<String> texts);
}

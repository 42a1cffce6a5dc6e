package lemon.mini.models;

/** Size of a {@link MiniTextEncoder}: a CLIP-style causal transformer. */
public record TextEncoderConfig(int vocabSize, int width, int layers, int heads, int maxTokens, int mlpDim) {
    public TextEncoderConfig {
        if (width % heads != 0)
            throw new IllegalArgumentException("width " + width + " not divisible by heads " + heads);
    }

    /** lemon-mini captions: a few hundred words, one or two sentences. */
    public static TextEncoderConfig mini() {
        return new TextEncoderConfig(1024, 128, 3, 4, 32, 512);
    }

    /** Test-sized. */
    public static TextEncoderConfig tiny() {
        return new TextEncoderConfig(64, 32, 1, 2, 12, 64);
    }

    /** The CLIP ViT-L/14 text encoder used by SD-1.x (123M parameters). */
    public static TextEncoderConfig sd1x() {
        return new TextEncoderConfig(49408, 768, 12, 12, 77, 3072);
    }

    /** Parameter count without added tokens, computed from the shapes alone. */
    public long parameterCount() {
        long w = width, perLayer = 4 * (w * w + w) + 2 * 2 * w + (w * mlpDim + mlpDim) + (mlpDim * w + w);
        return (long) vocabSize * w + (long) maxTokens * w + layers * perLayer + 2 * w;
    }
}

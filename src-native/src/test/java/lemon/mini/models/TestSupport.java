package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** Shared fixtures: a tiny tokenizer over synthetic captions, a PyTorch manager. */
public final class TestSupport {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    public static final List<String> CAPTIONS = List.of(
            "a man with red hair and a blue shirt",
            "a woman with black hair and a green dress",
            "two people standing in a park",
            "an old man with a grey beard",
            "a girl with a red hat",
            "three people at the beach, smiling");

    private TestSupport() {}

    public static NDManager manager() {
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    public static CaptionTokenizer tokenizer(TextEncoderConfig cfg) {
        return CaptionTokenizer.fromCaptions(CAPTIONS, cfg.vocabSize());
    }
}

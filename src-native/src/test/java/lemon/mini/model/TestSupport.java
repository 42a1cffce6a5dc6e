package lemon.mini.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** Shared fixtures: a tiny tokenizer over synthetic captions, a PyTorch manager. */
final class TestSupport {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    static final List<String> CAPTIONS = List.of(
        "a man with red hair and a blue shirt", "a woman with black hair and a green dress",
        "two people standing in a park", "an old man with a grey beard", "a girl with a red hat",
        "three people at the beach, smiling");

    private TestSupport() {}

    static NDManager manager() {
        return Engine.getEngine("PyTorch").newBaseManager();
    }

    static Tokenizer tokenizer(TextEncoderConfig cfg) {
        return Tokenizer.fromCaptions(CAPTIONS, cfg.vocabSize());
    }
}

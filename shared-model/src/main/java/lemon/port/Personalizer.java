package lemon.port;

import java.util.List;
import java.util.Map;
import lemon.model.InteractionGraph;

/**
 * The personalize stage's engine (§4.2): learns one token per character from its portraits, with
 * the node embeddings passed through the interaction graph, and returns what the image generator
 * needs to paint those characters. Training state goes through the {@code checkpoints} sink, so a
 * retried task continues where the last one stopped and nothing lives only on a container's disk.
 */
public interface Personalizer {
    String name();

    /**
     * @param portraits PNGs per character id
     * @param classWords the word each character's token starts from ("man", "woman", "person")
     */
    Result personalize(
            Map<String, List<byte[]>> portraits,
            Map<String, String> classWords,
            InteractionGraph graph,
            long seed,
            Checkpoints checkpoints);

    /** Learned tokens by character id, and training figures for the manifest. */
    record Result(Map<String, ImageGenerator.LearnedToken> tokens, Map<String, Object> metrics) {
        public Result {
            tokens = Map.copyOf(tokens);
            metrics = Map.copyOf(metrics);
        }
    }
}

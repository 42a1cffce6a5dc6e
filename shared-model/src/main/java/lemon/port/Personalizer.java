package lemon.port;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.story.InteractionGraph;

/**
 * The personalize stage's engine (§4.2): learns one token per character from its portraits, with
 * the node embeddings passed through the interaction graph, and returns what the image generator
 * needs to paint those characters. Training state goes through the {@code checkpoints} sink, so a
 * retried task continues where the last one stopped and nothing lives only on a container's disk.
 */
public interface Personalizer {
    String name();

    /** Learns the tokens of {@code request}'s characters; see {@link Request}. */
    Result personalize(Request request, Checkpoints checkpoints);

    /**
     * The words of a character's description that this personaliser's image model reads beside the
     * character's token (its {@link Request#anchors anchor}): short enough that three characters and
     * a scene's action fit the text encoder's window. The default keeps the description whole, for a
     * model that reads free text.
     */
    default String anchor(String description) {
        return description.strip();
    }

    /** What an anchor keeps of its character's description, for personalisers that choose. */
    enum Anchor {
        /** The attributes the image model's world draws, in the words its scene captions use: three fit a scene. */
        WORLD,
        /** The description itself, fitted to what the model reads: more of the look, two fit a scene. */
        DESCRIPTION;

        /** From a setting's value: "world" or "description". */
        public static Anchor parse(String value) {
            for (Anchor a : values()) if (a.name().equalsIgnoreCase(value.strip())) return a;
            throw new IllegalArgumentException(
                    "lemon.loop.anchor must be \"world\" or \"description\", got \"" + value + "\"");
        }
    }

    /** From portraits alone, from scratch. */
    default Result personalize(
            Map<String, List<byte[]>> portraits,
            Map<String, String> classWords,
            InteractionGraph graph,
            long seed,
            Checkpoints checkpoints) {
        return personalize(new Request(portraits, classWords, graph, List.of(), null, seed, Map.of()), checkpoints);
    }

    /**
     * @param portraits  PNGs per character id
     * @param classWords the word each character's token starts from ("man", "woman", "person"; with anchors,
     *     the word the anchor names the person by, "girl")
     * @param pairs      accepted scene images with their prompts (the refine loop's extra pairs)
     * @param startFrom  the {@link Result#state} of the previous iteration to continue from, or null
     * @param anchors    per character id, the words its token is painted beside (from {@link
     *                   #anchor}): the portraits are learned as "a portrait of S_i" followed by them, so
     *                   the token learns what they leave out. A character without one is learned from
     *                   its token alone (the paper's prompt).
     */
    record Request(
            Map<String, List<byte[]>> portraits,
            Map<String, String> classWords,
            InteractionGraph graph,
            List<Pair> pairs,
            byte[] startFrom,
            long seed,
            Map<String, String> anchors) {
        public Request {
            portraits = Map.copyOf(portraits);
            classWords = Map.copyOf(classWords);
            pairs = List.copyOf(pairs);
            anchors = Map.copyOf(anchors);
            for (String id : anchors.keySet()) {
                if (!portraits.containsKey(id)) {
                    throw new IllegalArgumentException("an anchor is given for " + id + ", who has no portraits");
                }
            }
            for (Pair p : pairs) {
                for (String id : p.placeholders().values()) {
                    if (!portraits.containsKey(id)) {
                        throw new IllegalArgumentException(
                                "a scene pair names " + id + ", who has no portraits to personalise");
                    }
                }
            }
        }

        /** Every token learned alone. */
        public Request(
                Map<String, List<byte[]>> portraits,
                Map<String, String> classWords,
                InteractionGraph graph,
                List<Pair> pairs,
                byte[] startFrom,
                long seed) {
            this(portraits, classWords, graph, pairs, startFrom, seed, Map.of());
        }
    }

    /** A scene image and its prompt, each placeholder in it standing for a character id. */
    record Pair(byte[] png, String prompt, Map<String, String> placeholders) {
        public Pair {
            placeholders = Map.copyOf(placeholders);
            placeholders.keySet().forEach(p -> {
                if (!prompt.contains(p)) {
                    throw new IllegalArgumentException("placeholder " + p + " is not in \"" + prompt + "\"");
                }
            });
        }
    }

    /**
     * Learned tokens by character id, training figures for the manifest, the trained state a next
     * iteration can start from ({@link Request#startFrom}; null if the personaliser keeps none), and the blobs the tokens
     * name: each token's {@link ImageGenerator.LearnedToken#mapperKey} is a key of {@code blobs}.
     * A stage stores every blob under its key (or under {@link #prefixed} keys) and later hands the
     * generator a reader of those keys ({@link ImageGenerator#withMappers}).
     */
    record Result(
            Map<String, ImageGenerator.LearnedToken> tokens,
            Map<String, Object> metrics,
            Map<String, byte[]> blobs,
            byte[] state) {
        public Result {
            tokens = Map.copyOf(tokens);
            metrics = Map.copyOf(metrics);
            blobs = Map.copyOf(blobs);
            for (var t : tokens.entrySet()) {
                String key = t.getValue().mapperKey();
                if (key != null && !blobs.containsKey(key)) {
                    throw new IllegalArgumentException(
                            "token of " + t.getKey() + " names mapper " + key + ", which the result does not carry");
                }
            }
        }

        public Result(
                Map<String, ImageGenerator.LearnedToken> tokens,
                Map<String, Object> metrics,
                Map<String, byte[]> blobs) {
            this(tokens, metrics, blobs, null);
        }

        /** Tokens without mappers (Textual Inversion): nothing to store but the tokens. */
        public Result(Map<String, ImageGenerator.LearnedToken> tokens, Map<String, Object> metrics) {
            this(tokens, metrics, Map.of());
        }

        /** The same result with {@code prefix} put before every blob key and every token's mapper key. */
        public Result prefixed(String prefix) {
            Map<String, byte[]> b = new HashMap<>();
            blobs.forEach((k, v) -> b.put(prefix + k, v));
            Map<String, ImageGenerator.LearnedToken> t = new HashMap<>();
            tokens.forEach((id, token) -> t.put(
                    id,
                    new ImageGenerator.LearnedToken(
                            token.embedding(), token.mapperKey() == null ? null : prefix + token.mapperKey())));
            return new Result(t, metrics, b, state);
        }
    }
}

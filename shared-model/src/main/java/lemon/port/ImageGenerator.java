package lemon.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Text-to-image: one PNG per request; the same request gives the same picture. Implementations
 * batch the requests as their hardware likes. The bundled lemon-mini diffusion model implements
 * it on CPU; an SD-1.x-sized model implements it on a GPU.
 */
public interface ImageGenerator {
    /**
     * @param tokens learned embeddings for placeholder words of the description ("a photo of
     *     &lt;s1&gt; and &lt;s2&gt;"), by placeholder; empty for plain text. A generator that cannot
     *     use them rejects the request rather than paint the placeholder as a word.
     * @param canvas a portrait of one person, or a wider scene of several
     */
    record Request(String description, long seed, Map<String, LearnedToken> tokens, Canvas canvas) {
        public Request {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("an image request needs a description");
            }
            if (canvas == null) {
                throw new IllegalArgumentException("an image request needs a canvas (PORTRAIT or SCENE)");
            }
            tokens = Map.copyOf(tokens);
            tokens.forEach((placeholder, token) -> {
                if (!description.contains(placeholder)) {
                    throw new IllegalArgumentException(
                            "token " + placeholder + " does not occur in \"" + description + "\"");
                }
            });
        }

        public Request(String description, long seed, Map<String, LearnedToken> tokens) {
            this(description, seed, tokens, Canvas.PORTRAIT);
        }

        public Request(String description, long seed) {
            this(description, seed, Map.of());
        }

        /** A scene of one to three people on the generator's wide canvas. */
        public static Request scene(String description, long seed, Map<String, LearnedToken> tokens) {
            return new Request(description, seed, tokens, Canvas.SCENE);
        }

        public static Request of(String description, long seed) {
            return new Request(description, seed);
        }
    }

    /**
     * The picture's shape: a square portrait of one person, or a scene of one to three people on a
     * canvas twice as wide as high (the lemon-mini world's scene layout: one column per person).
     */
    enum Canvas {
        PORTRAIT,
        SCENE
    }

    /**
     * A personalised token: the embedding that replaces the placeholder's word embedding, and
     * optionally the blob key of a mapper that offsets it per (timestep, cross-attention layer), as
     * NeTI does. Without a mapper every layer and timestep sees the same vector (Textual Inversion).
     */
    record LearnedToken(float[] embedding, String mapperKey) {
        public LearnedToken {
            if (embedding == null || embedding.length == 0) {
                throw new IllegalArgumentException("a learned token needs an embedding");
            }
            embedding = embedding.clone();
        }
    }

    /** Model and its checksum, for the manifest. */
    String name();

    /**
     * Whether the model reads free text (SD's CLIP text encoder) or only the words of the captions
     * it was trained on (the bundled lemon-mini model): visualize words its scene prompts for it.
     */
    default boolean readsFreeText() {
        return true;
    }

    /**
     * A prompt with each placeholder written into its anchor (placeholder → anchor, {@link
     * lemon.story.Personalization.Token#phrase}; none or blank: the placeholder alone), as this model
     * will read it. The default writes every anchor in full; a model with a short text window
     * shortens them so the whole prompt fits it ({@code MiniImageGenerator}).
     */
    default String withAnchors(String prompt, Map<String, String> anchors) {
        String out = prompt;
        for (var e : anchors.entrySet())
            out = out.replace(e.getKey(), lemon.story.Personalization.Token.phrase(e.getKey(), e.getValue()));
        return out;
    }

    /** One PNG per request, in order. */
    List<byte[]> generate(List<Request> requests);

    /**
     * This generator reading the mappers its requests' tokens name ({@link LearnedToken#mapperKey})
     * from {@code mappers} (e.g. a stage's run files: {@code key -> ctx.bytes(key)}). Without it a
     * request whose token names a mapper is rejected. The default suits generators that take no
     * mappers at all: they reject such requests anyway.
     */
    default ImageGenerator withMappers(Function<String, Optional<byte[]>> mappers) {
        return this;
    }
}

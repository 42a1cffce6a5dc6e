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
     */
    record Request(String description, long seed, Map<String, LearnedToken> tokens) {
        public Request {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("an image request needs a description");
            }
            tokens = Map.copyOf(tokens);
            tokens.forEach((placeholder, token) -> {
                if (!description.contains(placeholder)) {
                    throw new IllegalArgumentException(
                            "token " + placeholder + " does not occur in \"" + description + "\"");
                }
            });
        }

        public Request(String description, long seed) {
            this(description, seed, Map.of());
        }

        public static Request of(String description, long seed) {
            return new Request(description, seed);
        }
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

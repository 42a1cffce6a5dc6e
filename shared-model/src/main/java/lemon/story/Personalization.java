package lemon.story;

import java.util.Map;

/**
 * personalize's result at one iteration: per character the placeholder that stands for it in
 * prompts, the learned embedding (the graph network's output) and the run file of the mapper that
 * offsets it per timestep and layer (null without one), plus the training figures.
 */
public record Personalization(String personalizer, Map<String, Token> tokens, Map<String, Object> metrics) {
    public Personalization {
        tokens = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tokens)); // sorted: stable JSON
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics)); // sorted: stable JSON
    }

    public record Token(String placeholder, float[] embedding, String mapper) {}
}

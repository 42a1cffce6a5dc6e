package lemon.story;

import java.util.List;
import java.util.Map;

/**
 * What personalize learns from at one iteration of the refine loop: each character's portraits
 * (run files) and the accepted scene images of earlier iterations with their prompts (§4.3: "the
 * image ... can be adopted with the prompt as 'Photo of S1 and S2'"). Iteration 0 is the initial
 * portraits and no pairs; refine writes the next one.
 */
public record TrainingSet(Map<String, List<String>> portraits, List<ScenePair> pairs) {
    public TrainingSet {
        var copy = new java.util.TreeMap<String, List<String>>();
        portraits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        portraits = java.util.Collections.unmodifiableMap(copy);
        pairs = List.copyOf(pairs);
    }

    /**
     * An accepted scene image as a training pair.
     *
     * @param prompt       the prompt it was painted from, with one placeholder per character
     * @param placeholders placeholder → character id
     */
    public record ScenePair(String file, String prompt, Map<String, String> placeholders) {
        public ScenePair {
            placeholders =
                    java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(placeholders)); // sorted: stable JSON
        }
    }
}

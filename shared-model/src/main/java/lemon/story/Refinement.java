package lemon.story;

import java.util.List;
import java.util.Map;

/**
 * refine's decisions at one iteration: which accepted scene images join the training set, which
 * portraits were dropped (their group-level similarity, Eq. 5) and what replaced them, which low
 * scorers were spared for want of a better replacement, the within-character portrait spread before
 * and after, and whether the loop goes on.
 */
public record Refinement(
        int iteration,
        List<String> acceptedImages,
        List<Drop> dropped,
        List<Drop> spared,
        Map<String, Double> portraitScores,
        Map<String, Double> spreadBefore,
        Map<String, Double> spreadAfter,
        boolean again,
        String reason) {
    public Refinement {
        acceptedImages = List.copyOf(acceptedImages);
        dropped = List.copyOf(dropped);
        spared = spared == null ? List.of() : List.copyOf(spared); // absent from runs written before it existed
        portraitScores =
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(portraitScores)); // sorted: stable JSON
        spreadBefore =
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(spreadBefore)); // sorted: stable JSON
        spreadAfter =
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(spreadAfter)); // sorted: stable JSON
    }

    /**
     * A low-scoring portrait, its score and the portrait the personalised model painted for its place:
     * in {@link #dropped} the one that replaced it, in {@link #spared} null (every candidate would have
     * left the character's portraits more spread than it does, so it stays).
     */
    public record Drop(String characterId, String file, double score, String replacement) {}
}

package lemon.story;

import java.util.List;

/**
 * The character interaction graph G=(V,E) of the paper. Edge weight is the normalised interaction
 * frequency w_nj of Eq. 2: co-occurrence count of the pair divided by the largest pair count, so
 * the heaviest edge has weight 1.
 */
public record InteractionGraph(List<String> nodes, List<Edge> edges) {
    public InteractionGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Undirected edge with {@code a < b} lexicographically. */
    public record Edge(String a, String b, int count, double weight) {}
}

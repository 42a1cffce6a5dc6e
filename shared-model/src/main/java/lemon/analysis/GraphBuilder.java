package lemon.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import lemon.story.InteractionGraph;
import lemon.story.StoryCharacter;

/**
 * The interaction graph: two characters interact once for every sentence that refers to both
 * (by name, alias, relational phrase or resolved pronoun). Weight = count / largest count.
 */
public final class GraphBuilder {
    private GraphBuilder() {}

    public static InteractionGraph build(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<String> ids = new ArrayList<>(new TreeSet<>(index.charactersIn(s, true)));
            for (int a = 0; a < ids.size(); a++) {
                for (int b = a + 1; b < ids.size(); b++) {
                    counts.merge(ids.get(a) + "\u0000" + ids.get(b), 1, Integer::sum);
                }
            }
        }
        List<String> nodes =
                characters.stream().map(StoryCharacter::id).sorted().toList();
        return of(nodes, counts);
    }

    /** Graph from pair counts keyed "a\0b" with a &lt; b; edges heaviest first, then by ids. */
    static InteractionGraph of(List<String> nodes, Map<String, Integer> counts) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<InteractionGraph.Edge> edges = new ArrayList<>();
        counts.forEach((key, count) -> {
            String[] ab = key.split("\u0000");
            edges.add(new InteractionGraph.Edge(ab[0], ab[1], count, (double) count / max));
        });
        edges.sort(Comparator.comparingInt(InteractionGraph.Edge::count)
                .reversed()
                .thenComparing(InteractionGraph.Edge::a)
                .thenComparing(InteractionGraph.Edge::b));
        return new InteractionGraph(nodes, edges);
    }
}

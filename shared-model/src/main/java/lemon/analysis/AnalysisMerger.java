package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lemon.story.Gender;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;

/**
 * Merges the analyses of consecutive chunks of one story. Characters with the same id, or whose
 * names and aliases overlap (case-insensitively, ignoring a leading "the"), become one: the name
 * of the most mentioned part wins, aliases are unioned, mentions summed, a known gender beats
 * UNKNOWN. Scenes are concatenated and re-sampled evenly to {@code sceneCount}; edge counts are
 * summed and weights renormalised.
 */
public final class AnalysisMerger {
    private AnalysisMerger() {}

    public static StoryAnalysis merge(List<StoryAnalysis> parts, int sceneCount) {
        // 1. Group characters: union-find over ids, joined by shared surface forms.
        List<StoryCharacter> all = new ArrayList<>();
        for (StoryAnalysis p : parts) all.addAll(p.characters());
        Map<String, String> parent = new TreeMap<>();
        Map<String, String> bySurface = new TreeMap<>();
        for (StoryCharacter c : all) {
            parent.putIfAbsent(c.id(), c.id());
            for (String surface : surfaces(c)) {
                String other = bySurface.putIfAbsent(surface, c.id());
                if (other != null) union(parent, other, c.id());
            }
        }
        Map<String, List<StoryCharacter>> groups = new TreeMap<>();
        for (StoryCharacter c : all)
            groups.computeIfAbsent(find(parent, c.id()), k -> new ArrayList<>()).add(c);

        Map<String, String> idMap = new TreeMap<>(); // part id -> merged id
        List<StoryCharacter> characters = new ArrayList<>();
        for (List<StoryCharacter> group : groups.values()) {
            StoryCharacter merged = mergeGroup(group);
            characters.add(merged);
            for (StoryCharacter c : group) idMap.put(c.id(), merged.id());
        }
        // a member's group id from one part is the merged group's id
        characters.replaceAll(
                c -> c.memberOf() == null ? c : c.memberOf(idMap.getOrDefault(c.memberOf(), c.memberOf())));
        characters.sort(CharacterFinder.MOST_MENTIONED_FIRST); // the order one part's cast has

        // 2. Scenes: concatenate, remap ids, sample evenly.
        List<Scene> concatenated = new ArrayList<>();
        for (StoryAnalysis p : parts) concatenated.addAll(p.scenes());
        int t = Math.min(Math.max(sceneCount, 0), concatenated.size());
        List<Scene> scenes = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            Scene s = concatenated.get((int) ((long) k * concatenated.size() / t));
            List<String> ids = new ArrayList<>();
            for (String id : s.characterIds()) {
                String m = idMap.getOrDefault(id, id);
                if (!ids.contains(m)) ids.add(m);
            }
            scenes.add(new Scene(k, s.prompt(), ids));
        }

        // 3. Graph: sum counts over merged ids, renormalise.
        Map<String, Integer> counts = new TreeMap<>();
        for (StoryAnalysis p : parts) {
            for (InteractionGraph.Edge e : p.graph().edges()) {
                String a = idMap.getOrDefault(e.a(), e.a());
                String b = idMap.getOrDefault(e.b(), e.b());
                if (a.equals(b)) continue;
                String key = a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
                counts.merge(key, e.count(), Integer::sum);
            }
        }
        List<String> nodes =
                characters.stream().map(StoryCharacter::id).sorted().toList();
        InteractionGraph graph = GraphBuilder.of(nodes, counts);

        Set<String> warnings = new TreeSet<>();
        for (StoryAnalysis p : parts) warnings.addAll(p.warnings());
        return new StoryAnalysis(characters, scenes, graph, new ArrayList<>(warnings));
    }

    private static StoryCharacter mergeGroup(List<StoryCharacter> group) {
        Map<String, Integer> mentionsById = new LinkedHashMap<>();
        for (StoryCharacter c : group) mentionsById.merge(c.id(), c.mentions(), Integer::sum);
        StoryCharacter best = group.get(0);
        for (StoryCharacter c : group) {
            int mc = mentionsById.get(c.id());
            int mb = mentionsById.get(best.id());
            if (mc > mb || (mc == mb && c.id().compareTo(best.id()) < 0)) best = c;
        }
        TreeSet<String> aliases = new TreeSet<>();
        int mentions = 0;
        Gender gender = Gender.UNKNOWN;
        String role = "";
        for (StoryCharacter c : group) {
            aliases.add(c.name());
            aliases.addAll(c.aliases());
            mentions += c.mentions();
            if (gender == Gender.UNKNOWN) gender = c.gender();
            if (role.isEmpty()) role = c.role();
        }
        if (best.gender() != Gender.UNKNOWN) gender = best.gender();
        if (!best.role().isEmpty()) role = best.role();
        aliases.remove(best.name());
        StoryCharacter merged = best.with(new ArrayList<>(aliases), gender, role, mentions);
        // a group or member in any part stays one after the merge
        Integer members = merged.members();
        String memberOf = merged.memberOf();
        for (StoryCharacter c : group) {
            if (members == null) members = c.members();
            if (memberOf == null) memberOf = c.memberOf();
        }
        return new StoryCharacter(
                merged.id(),
                merged.name(),
                merged.aliases(),
                merged.gender(),
                merged.role(),
                merged.mentions(),
                members,
                memberOf,
                merged.evidence());
    }

    private static List<String> surfaces(StoryCharacter c) {
        List<String> out = new ArrayList<>();
        out.add("id:" + c.id());
        out.add(norm(c.name()));
        for (String a : c.aliases()) out.add(norm(a));
        return out;
    }

    private static String norm(String s) {
        return MentionIndex.stripArticle(s)
                .replace('’', '\'')
                .toLowerCase(Locale.ROOT)
                .strip();
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) x = parent.get(x);
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (ra.equals(rb)) return;
        // The lexicographically smaller root wins, so the result never depends on input order.
        if (ra.compareTo(rb) < 0) parent.put(rb, ra);
        else parent.put(ra, rb);
    }
}

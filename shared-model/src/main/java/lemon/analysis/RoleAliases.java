package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.story.StoryCharacter;

/**
 * Merges two role characters that the words themselves make one person: a king's (or queen's) son
 * is the prince and a king's daughter the princess; the maid of a story with one waiting-maid is
 * she. Each rule fires only when the story has exactly one character on each side: a tale with two
 * princes, or a king's son and a prince from another land, keeps them apart (as it keeps
 * "the maid" apart when there are two kinds of maid).
 */
final class RoleAliases {
    /** Relational name → the role it is, for royal children. */
    private static final Map<String, String> ROYAL_CHILDREN = Map.of(
            "king's son", "prince",
            "queen's son", "prince",
            "king's daughter", "princess",
            "queen's daughter", "princess");

    private RoleAliases() {}

    static List<StoryCharacter> merge(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byName = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byName.put(c.name().toLowerCase(java.util.Locale.ROOT), c);
        // a role already merged into a name ("a wonderful princess, called Briar Rose") is found by its alias
        for (StoryCharacter c : characters)
            for (String a : c.aliases()) byName.putIfAbsent(a.toLowerCase(java.util.Locale.ROOT), c);
        List<StoryCharacter[]> pairs = new ArrayList<>();
        for (String role : List.of("prince", "princess")) {
            List<StoryCharacter> children = ROYAL_CHILDREN.entrySet().stream()
                    .filter(e -> e.getValue().equals(role) && byName.containsKey(e.getKey()))
                    .map(e -> byName.get(e.getKey()))
                    .toList();
            if (children.size() == 1 && byName.containsKey(role))
                pairs.add(new StoryCharacter[] {children.get(0), byName.get(role)});
        }
        for (StoryCharacter c : characters) {
            String name = c.name();
            int dash = name.lastIndexOf('-');
            if (dash <= 0 || name.contains(" ")) continue;
            String head = name.substring(dash + 1);
            long compounds = characters.stream()
                    .filter(o -> !o.name().contains(" ") && o.name().endsWith("-" + head))
                    .count();
            if (compounds == 1 && byName.containsKey(head)) pairs.add(new StoryCharacter[] {c, byName.get(head)});
        }
        if (pairs.isEmpty()) return characters;
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        for (StoryCharacter[] p : pairs) {
            StoryCharacter x = byId.get(p[0].id()), y = byId.get(p[1].id());
            if (x == null || y == null || x == y) continue;
            int mx = index.sentencesMentioning(x.id(), false).size();
            int my = index.sentencesMentioning(y.id(), false).size();
            StoryCharacter winner = mx >= my ? x : y, loser = winner == x ? y : x;
            byId.put(
                    winner.id(),
                    CopulaAliases.absorbed(winner, loser)
                            .withEvidence(
                                    "alias " + loser.name(),
                                    "the story has one " + x.name() + " and one " + y.name() + " (rule)"));
            byId.remove(loser.id());
        }
        return new ArrayList<>(byId.values());
    }
}

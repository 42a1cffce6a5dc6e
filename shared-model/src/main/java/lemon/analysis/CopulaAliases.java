package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Merges a name into a role the story equates it with: "Cogia Hassan was the robber Captain"
 * makes Cogia Hassan an alias of the captain (or the other way round when the name is mentioned
 * more). Only "NAME was/is the ROLE" counts; relational roles ("the son of") never merge.
 */
final class CopulaAliases {
    private CopulaAliases() {}

    static List<StoryCharacter> merge(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s).stream()
                    .filter(MentionIndex.Mention::explicit)
                    .toList();
            for (int k = 0; k + 1 < ms.size(); k++) {
                MentionIndex.Mention a = ms.get(k);
                MentionIndex.Mention b = ms.get(k + 1);
                StoryCharacter named = byId.get(a.characterId());
                StoryCharacter role = byId.get(b.characterId());
                if (named == null || role == null || named == role) continue;
                if (!isProperName(named) || isProperName(role) || role.name().contains("'s ")) continue;
                if (b.start() - a.end() != 2) continue;
                String verb = ts.get(a.end()).lower();
                if ((verb.equals("was") || verb.equals("is"))
                        && ts.get(a.end() + 1).lower().equals("the")) {
                    pairs.putIfAbsent(named.id(), role.id());
                }
            }
        }
        if (pairs.isEmpty()) return characters;
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            StoryCharacter x = byId.get(p.getKey());
            StoryCharacter y = byId.get(p.getValue());
            if (x == null || y == null) continue;
            int mx = index.sentencesMentioning(x.id(), false).size();
            int my = index.sentencesMentioning(y.id(), false).size();
            StoryCharacter winner = mx > my ? x : y;
            StoryCharacter loser = winner == x ? y : x;
            byId.put(winner.id(), absorbed(winner, loser));
            byId.remove(loser.id());
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * One character from two: the winner's id and name, the loser's name and aliases as aliases, the
     * first known gender and role, the mentions of both.
     */
    static StoryCharacter absorbed(StoryCharacter winner, StoryCharacter loser) {
        TreeSet<String> aliases = new TreeSet<>(winner.aliases());
        aliases.add(loser.name());
        aliases.addAll(loser.aliases());
        aliases.remove(winner.name());
        return new StoryCharacter(
                winner.id(),
                winner.name(),
                new ArrayList<>(aliases),
                winner.gender() != Gender.UNKNOWN ? winner.gender() : loser.gender(),
                winner.role().isEmpty() ? loser.role() : winner.role(),
                winner.mentions() + loser.mentions());
    }

    /** Capitalised and not "someone's …": a name, not a role or a relation. */
    static boolean isProperName(StoryCharacter c) {
        return Character.isUpperCase(c.name().charAt(0)) && !c.name().contains("'s ");
    }
}

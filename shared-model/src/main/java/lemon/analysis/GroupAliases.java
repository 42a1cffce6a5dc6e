package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Merges two groups the story counts alike when one of them is named by kinship or by a plain
 * word for people: "her two daughters" are "the two sisters", "the two girls" are "the two
 * children". Groups of different counts, or both named by what they do ("forty thieves", "twelve
 * huntsmen"), stay apart.
 */
final class GroupAliases {
    private GroupAliases() {}

    /** Plural heads that say how the members are related or what they are, not what they do. */
    static final Set<String> PLAIN = Set.of(
            "child", "girl", "boy", "daughter", "son", "sister", "brother", "man", "woman", "maiden", "lad", "fellow");

    /** A group must be named this often to take in another one. */
    static final int MIN_MENTIONS = 3;

    static List<StoryCharacter> merge(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        for (StoryCharacter c : characters) byId.put(c.id(), c);
        boolean changed = false;
        for (StoryCharacter a : characters) {
            for (StoryCharacter b : characters) {
                if (a == b || !byId.containsKey(a.id()) || !byId.containsKey(b.id())) continue;
                if (!a.isGroup()
                        || !b.isGroup()
                        || a.members() == 0
                        || !a.members().equals(b.members())) continue;
                if (!PLAIN.contains(head(b))) continue; // b is the kinship or plain word, a absorbs it
                if (Lexicon.isAnimal(head(a))) continue; // "two turtle-doves" are not "the two sisters"
                if (a.gender() != Gender.UNKNOWN && b.gender() != Gender.UNKNOWN && a.gender() != b.gender()) continue;
                boolean bothPlain = PLAIN.contains(head(a));
                int ma = index.sentencesMentioning(a.id(), false).size();
                int mb = index.sentencesMentioning(b.id(), false).size();
                if (bothPlain && (mb > ma || mb == ma && b.id().compareTo(a.id()) < 0)) continue;
                if (ma < MIN_MENTIONS) continue; // "two lords" said once are no band
                byId.put(a.id(), CopulaAliases.absorbed(byId.get(a.id()), byId.get(b.id())));
                byId.remove(b.id());
                changed = true;
            }
        }
        return changed ? new ArrayList<>(byId.values()) : characters;
    }

    static String head(StoryCharacter group) {
        String name = group.name();
        String plural = name.substring(name.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT);
        String singular = Lexicon.singularOfPlural(plural);
        return singular == null ? plural : singular;
    }
}

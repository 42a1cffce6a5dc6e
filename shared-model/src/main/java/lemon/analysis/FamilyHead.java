package lemon.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * "There dwelt … a poor woodcutter with his wife and two children", "A poor widow once lived in a little cottage …
 * She had two children": the station a tale's opening gives the head of a family, whom the story then only calls
 * "the father" or "the mother". The one father (or husband) of the cast takes the man's station as an alias, the one
 * mother (or wife) the woman's, with the opening sentence as evidence. Nothing happens when the station names a
 * character of its own, when the cast has no such parent or two, or when the sentence tells of no family.
 */
final class FamilyHead {
    private FamilyHead() {}

    /** Words that say the one introduced has a family. */
    private static final Set<String> FAMILY =
            Set.of("wife", "husband", "children", "child", "daughter", "daughters", "son", "sons");

    static List<StoryCharacter> alias(MentionIndex index, List<StoryCharacter> cast) {
        List<List<WordToken>> tokens = index.tokens();
        Set<String> names = MentionIndex.calledBy(cast); // a station taken as an alias below joins it
        List<StoryCharacter> out = new ArrayList<>(cast);
        for (int s = 0; s < Math.min(CharacterFinder.OPENING_SENTENCES, tokens.size()); s++) {
            List<WordToken> ts = tokens.get(s);
            for (int i = 0; i + 1 < ts.size(); i++) {
                if (!List.of("a", "an").contains(ts.get(i).lower())) continue;
                int k = i + 1;
                while (k < ts.size() && Lexicon.ADJECTIVES.contains(ts.get(k).lower())) k++;
                if (k >= ts.size() || !ts.get(k).isWord()) continue;
                String noun = ts.get(k).lower();
                if (!StoryCues.isStation(noun) || names.contains(noun)) continue;
                Gender sex = sexOf(noun, ts, k);
                if (sex == Gender.UNKNOWN || !family(tokens, s, k, sex)) continue;
                List<String> parentWords =
                        sex == Gender.MALE ? List.of("father", "husband") : List.of("mother", "wife");
                List<StoryCharacter> parents = out.stream()
                        .filter(c -> !c.isGroup()
                                && parentWords.contains(
                                        MentionIndex.stripArticle(c.name()).toLowerCase(Locale.ROOT)))
                        .toList();
                if (parents.size() != 1) continue;
                StoryCharacter parent = parents.get(0);
                List<String> aliases = new ArrayList<>(parent.aliases());
                aliases.add(noun);
                out.set(
                        out.indexOf(parent),
                        parent.with(aliases, parent.gender(), parent.role(), parent.mentions())
                                .withEvidence("alias " + noun, index.sentences().get(s)));
                names.add(noun);
            }
        }
        return out;
    }

    /** The sex the noun says ("widow"), or tales give it ("woodcutter"), or "his wife" after it. */
    private static Gender sexOf(String noun, List<WordToken> ts, int k) {
        Gender g = Lexicon.genderOfHead(noun);
        if (g == Gender.UNKNOWN) g = Lexicon.usualGender(noun);
        for (int j = k + 1; g == Gender.UNKNOWN && j + 1 < ts.size(); j++) {
            if (ts.get(j).lower().equals("his") && ts.get(j + 1).lower().equals("wife")) g = Gender.MALE;
            if (ts.get(j).lower().equals("her") && ts.get(j + 1).lower().equals("husband")) g = Gender.FEMALE;
        }
        return g;
    }

    /** A family word after the noun in its sentence, or in the next one when that opens with the noun's pronoun. */
    private static boolean family(List<List<WordToken>> tokens, int s, int k, Gender sex) {
        for (WordToken t : tokens.get(s).subList(k + 1, tokens.get(s).size()))
            if (FAMILY.contains(t.lower())) return true;
        if (s + 1 >= tokens.size() || tokens.get(s + 1).isEmpty()) return false;
        List<WordToken> next = tokens.get(s + 1);
        if (!next.get(0).lower().equals(sex == Gender.MALE ? "he" : "she")) return false;
        return next.stream().anyMatch(t -> FAMILY.contains(t.lower()));
    }
}

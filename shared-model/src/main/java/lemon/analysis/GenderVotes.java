package lemon.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * Decides genders the nouns do not state, from subject pronouns: a "he" after "Cassim" votes male
 * for the sentence's first character (usually its subject); a sentence that opens with a pronoun
 * votes, with every later pronoun of that gender, for the previous sentence's only character.
 * Pronouns in quoted speech do not vote.
 */
final class GenderVotes {
    /** Subject and reflexive pronouns: possessives and objects too often point at someone else. */
    private static final java.util.Set<String> SUBJECT_PRONOUNS = java.util.Set.of("he", "she", "himself", "herself");

    private GenderVotes() {}

    static Map<String, Gender> decide(MentionIndex index, List<StoryCharacter> characters) {
        Map<String, Gender> known = new HashMap<>();
        for (StoryCharacter c : characters) known.put(c.id(), c.gender());
        Map<String, int[]> votes = new TreeMap<>();
        String previousOnly = null;
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            List<MentionIndex.Mention> ms = index.mentions(s).stream()
                    .filter(MentionIndex.Mention::explicit)
                    .toList();
            Map<Gender, String> carried = new HashMap<>(); // referent of a sentence-opening pronoun
            for (int p = 0; p < ts.size(); p++) {
                WordToken t = ts.get(p);
                if (!t.isWord() || t.quoted() || !SUBJECT_PRONOUNS.contains(t.lower())) continue;
                Gender g = Lexicon.MALE_PRONOUNS.contains(t.lower()) ? Gender.MALE : Gender.FEMALE;
                String voter = null;
                if (carried.containsKey(g)) {
                    voter = carried.get(g);
                } else if (ms.isEmpty() || ms.get(0).start() > p) {
                    voter = previousOnly;
                    carried.put(g, voter);
                } else {
                    // The sentence's first compatible character, usually its subject.
                    for (MentionIndex.Mention m : ms) {
                        Gender k = known.get(m.characterId());
                        if (m.end() <= p && (k == Gender.UNKNOWN || k == g)) {
                            voter = m.characterId();
                            break;
                        }
                    }
                }
                if (voter != null && known.get(voter) == Gender.UNKNOWN) {
                    votes.computeIfAbsent(voter, k -> new int[2])[g == Gender.MALE ? 0 : 1]++;
                }
            }
            var ids = index.charactersIn(s, false);
            previousOnly = ids.size() == 1 ? ids.iterator().next() : null;
        }
        Map<String, Gender> out = new TreeMap<>();
        for (Map.Entry<String, int[]> e : votes.entrySet()) {
            int m = e.getValue()[0];
            int f = e.getValue()[1];
            if (m >= 2 && m >= 2 * f) out.put(e.getKey(), Gender.MALE);
            else if (f >= 2 && f >= 2 * m) out.put(e.getKey(), Gender.FEMALE);
        }
        return out;
    }
}

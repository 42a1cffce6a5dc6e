package lemon.analysis.gold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lemon.story.Gender;
import lemon.story.StoryCharacter;

/**
 * How a found cast compares with a gold one. A found character stands for the gold character whose
 * name or alias it shares (compared by {@link GoldCast#key}); sharing with two gold characters is a
 * merge, two found characters for one gold character a split (the second counts as wrong). Found
 * characters that are only minor gold figures count neither way. {@code assigned}: each recalled
 * gold character's found character id. Of the recalled gold groups, {@code groupsRight} were found as a
 * group with the gold count (any count when the gold gives none); of the gold members whose group was
 * recalled too, {@code membersRight} were linked to it.
 */
public record CastScore(
        String story,
        int gold,
        int found,
        int recalled,
        int minorFound,
        List<String> missed,
        List<String> spurious,
        List<String> splits,
        List<String> merges,
        int genderKnown,
        int genderRight,
        List<String> genderWrong,
        Map<String, String> assigned,
        int groupsKnown,
        int groupsRight,
        int membersKnown,
        int membersRight,
        List<String> groupWrong) {

    public double recall() {
        return CastEvaluation.Counts.of(this).recall();
    }

    /** Right found characters (one per recalled gold character) over those that are not minor figures. */
    public double precision() {
        return CastEvaluation.Counts.of(this).precision();
    }

    public int aliasErrors() {
        return splits.size() + merges.size();
    }

    public double genderAccuracy() {
        return CastEvaluation.Counts.of(this).genderAccuracy();
    }

    public static CastScore of(GoldCast gold, List<StoryCharacter> found) {
        Set<String> ambiguous = new HashSet<>();
        for (String a : gold.ambiguous()) ambiguous.add(GoldCast.key(a));
        Map<String, Set<Integer>> goldByKey = new HashMap<>();
        for (int g = 0; g < gold.characters().size(); g++)
            for (String p : gold.characters().get(g).phrases()) {
                String k = GoldCast.key(p);
                if (!k.isEmpty() && !ambiguous.contains(k))
                    goldByKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(g);
            }
        Set<String> minorKeys = new HashSet<>();
        for (GoldCast.Member m : gold.minor()) for (String p : m.phrases()) minorKeys.add(GoldCast.key(p));

        List<List<StoryCharacter>> assigned = new ArrayList<>();
        for (int g = 0; g < gold.characters().size(); g++) assigned.add(new ArrayList<>());
        List<String> spurious = new ArrayList<>(), merges = new ArrayList<>();
        int minorFound = 0;
        for (StoryCharacter c : found) {
            Set<Integer> matches = new LinkedHashSet<>();
            boolean minor = false;
            for (String p : phrases(c)) {
                String k = GoldCast.key(p);
                matches.addAll(goldByKey.getOrDefault(k, Set.of()));
                minor |= minorKeys.contains(k);
            }
            if (matches.size() == 1) assigned.get(matches.iterator().next()).add(c);
            else if (matches.size() > 1)
                merges.add(c.name() + " = "
                        + String.join(
                                " + ",
                                matches.stream()
                                        .map(g -> gold.characters().get(g).name())
                                        .toList()));
            else if (minor) minorFound++;
            else spurious.add(c.name());
        }

        int recalled = 0, genderKnown = 0, genderRight = 0;
        List<String> missed = new ArrayList<>(), splits = new ArrayList<>(), genderWrong = new ArrayList<>();
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (int g = 0; g < gold.characters().size(); g++) {
            GoldCast.Member m = gold.characters().get(g);
            List<StoryCharacter> mine = assigned.get(g);
            if (mine.isEmpty()) {
                missed.add(m.name());
                continue;
            }
            recalled++;
            ids.put(m.name(), mine.get(0).id());
            if (mine.size() > 1)
                splits.add(m.name() + " ← "
                        + String.join(
                                ", ", mine.stream().map(StoryCharacter::name).toList()));
            Gender want = gender(m.gender());
            if (want != Gender.UNKNOWN) {
                genderKnown++;
                Gender got = mine.get(0).gender();
                if (got == want) genderRight++;
                else
                    genderWrong.add(m.name() + " " + want.name().toLowerCase(Locale.ROOT) + ", found "
                            + got.name().toLowerCase(Locale.ROOT));
            }
        }
        int groupsKnown = 0, groupsRight = 0, membersKnown = 0, membersRight = 0;
        List<String> groupWrong = new ArrayList<>();
        Map<String, StoryCharacter> foundById = new HashMap<>();
        for (StoryCharacter c : found) foundById.put(c.id(), c);
        for (GoldCast.Member m : gold.characters()) {
            StoryCharacter mine = foundById.get(ids.get(m.name()));
            if (mine == null) continue;
            if (m.group()) {
                groupsKnown++;
                boolean right =
                        mine.isGroup() && (m.members() == null || m.members().equals(mine.members()));
                if (right) groupsRight++;
                else
                    groupWrong.add(m.name() + " (" + (m.members() == null ? "a group" : m.members()) + "), found "
                            + (mine.isGroup() ? "a group of " + mine.members() : "one person"));
            }
            String groupId = m.memberOf() == null ? null : ids.get(m.memberOf());
            if (groupId != null) {
                membersKnown++;
                if (groupId.equals(mine.memberOf())) membersRight++;
                else
                    groupWrong.add(m.name() + " member of " + m.memberOf() + ", found "
                            + (mine.memberOf() == null ? "no group" : "member of " + mine.memberOf()));
            }
        }
        return new CastScore(
                gold.story(),
                gold.characters().size(),
                found.size(),
                recalled,
                minorFound,
                missed,
                spurious,
                splits,
                merges,
                genderKnown,
                genderRight,
                genderWrong,
                ids,
                groupsKnown,
                groupsRight,
                membersKnown,
                membersRight,
                groupWrong);
    }

    private static List<String> phrases(StoryCharacter c) {
        List<String> all = new ArrayList<>();
        all.add(c.name());
        all.addAll(c.aliases());
        return all;
    }

    static Gender gender(String g) {
        if (g == null) return Gender.UNKNOWN;
        return switch (g.toLowerCase(Locale.ROOT)) {
            case "male" -> Gender.MALE;
            case "female" -> Gender.FEMALE;
            default -> Gender.UNKNOWN;
        };
    }
}

package lemon.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lemon.story.CastCorrections;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;

/**
 * Applies a user's {@link CastCorrections} to an analysis, from either analyst: merges, splits, adds,
 * renames (the id stays, so every later file keys the same character), drops and genders, in that
 * order; then counts the mentions again, gives each scene the characters its prompt names, and builds
 * the interaction graph anew. A reference to no character, or to two, is refused with the cast listed.
 */
public final class CastEditor {
    private CastEditor() {}

    public static StoryAnalysis apply(String text, StoryAnalysis analysis, CastCorrections corrections) {
        if (corrections == null || corrections.isEmpty()) return analysis;
        Map<String, StoryCharacter> cast = new LinkedHashMap<>();
        for (StoryCharacter c : analysis.characters()) cast.put(c.id(), c);
        Map<String, String> movedTo = new LinkedHashMap<>(); // old id → id that now stands for it
        List<String> done = new ArrayList<>();

        for (List<String> group : corrections.merge()) {
            StoryCharacter keep = find(cast, group.get(0));
            for (String other : group.subList(1, group.size())) {
                StoryCharacter gone = find(cast, other);
                if (gone.id().equals(keep.id())) continue;
                keep = CopulaAliases.absorbed(keep, gone)
                        .withEvidence("alias " + gone.name(), "merged by the cast file");
                cast.remove(gone.id());
                cast.put(keep.id(), keep);
                movedTo.put(gone.id(), keep.id());
            }
            done.add("merged " + String.join(" + ", group));
        }
        for (Map.Entry<String, List<CastCorrections.NewCharacter>> split :
                corrections.split().entrySet()) {
            StoryCharacter whole = find(cast, split.getKey());
            cast.remove(whole.id());
            for (CastCorrections.NewCharacter part : split.getValue()) {
                Gender g = CastCorrections.gender(part.gender(), part.name());
                added(cast, part, g == Gender.UNKNOWN ? whole.gender() : g, movedTo);
            }
            done.add("split " + split.getKey());
        }
        for (CastCorrections.NewCharacter n : corrections.add()) {
            List<String> taken = added(cast, n, CastCorrections.gender(n.gender(), n.name()), movedTo);
            done.add("added " + n.name() + (taken.isEmpty() ? "" : " (in place of " + String.join(", ", taken) + ")"));
        }
        for (Map.Entry<String, String> r : corrections.rename().entrySet()) {
            StoryCharacter c = find(cast, r.getKey());
            List<String> aliases = new ArrayList<>(c.aliases());
            aliases.remove(r.getValue());
            if (!aliases.contains(c.name())) aliases.add(c.name());
            cast.put(
                    c.id(),
                    new StoryCharacter(
                            c.id(),
                            r.getValue(),
                            aliases,
                            c.gender(),
                            c.role(),
                            c.mentions(),
                            c.members(),
                            c.memberOf(),
                            c.evidence()));
            done.add("renamed " + r.getKey() + " to " + r.getValue());
        }
        for (String d : corrections.drop()) {
            cast.remove(find(cast, d).id());
            done.add("dropped " + d);
        }
        for (Map.Entry<String, String> g : corrections.gender().entrySet()) {
            StoryCharacter c = find(cast, g.getKey());
            cast.put(
                    c.id(),
                    c.with(c.aliases(), CastCorrections.gender(g.getValue(), g.getKey()), c.role(), c.mentions()));
        }
        if (!corrections.gender().isEmpty())
            done.add("set " + corrections.gender().size() + " gender(s)");
        if (cast.isEmpty()) throw new IllegalArgumentException("the cast file leaves no character");

        List<StoryCharacter> characters = new ArrayList<>();
        // mentions depend on names, aliases, genders and groups, none of which the counting below changes
        MentionIndex index = MentionIndex.build(text, new ArrayList<>(cast.values()));
        for (StoryCharacter c : cast.values()) {
            String group = c.memberOf() == null ? null : movedTo.getOrDefault(c.memberOf(), c.memberOf());
            StoryCharacter counted = c.with(
                    c.aliases(),
                    c.gender(),
                    c.role(),
                    index.sentencesMentioning(c.id(), false).size());
            characters.add(group != null && cast.containsKey(group) ? counted.memberOf(group) : counted.memberOf(null));
        }
        List<Scene> scenes = new ArrayList<>();
        for (Scene s : analysis.scenes()) {
            Set<String> ids = new LinkedHashSet<>();
            for (String id : s.characterIds()) {
                String now = movedTo.getOrDefault(id, id);
                if (cast.containsKey(now)) ids.add(now);
            }
            MentionIndex inPrompt = MentionIndex.build(s.prompt(), characters);
            for (int k = 0; k < inPrompt.sentences().size(); k++) ids.addAll(inPrompt.charactersIn(k, false));
            if (!ids.isEmpty()) scenes.add(new Scene(scenes.size(), s.prompt(), List.copyOf(ids)));
        }
        List<String> warnings = new ArrayList<>(analysis.warnings());
        warnings.add("cast file: " + String.join("; ", done));
        return new StoryAnalysis(characters, scenes, GraphBuilder.build(index, characters), warnings);
    }

    /**
     * Puts the new character in the cast. A found character that one of its aliases names ("the stepmother",
     * alias "mother-in-law", where the analyst found "mother-in-law") is the same person: the new one takes
     * its place, so a cast file written for one analyst still reads right when a later one finds more.
     * Returns the names of the characters it replaced.
     */
    private static List<String> added(
            Map<String, StoryCharacter> cast, CastCorrections.NewCharacter n, Gender g, Map<String, String> movedTo) {
        String id = Slugs.of(n.name());
        if (cast.containsKey(id))
            throw new IllegalArgumentException("the cast file adds '" + n.name() + "', but the cast already has it");
        StoryCharacter added = new StoryCharacter(id, n.name(), n.aliases(), g, "", 0);
        List<String> taken = new ArrayList<>();
        for (String alias : n.aliases()) {
            StoryCharacter same = cast.values().stream()
                    .filter(c -> norm(c.name()).equals(norm(alias)))
                    .findFirst()
                    .orElse(null);
            if (same == null) continue;
            added = CopulaAliases.absorbed(added, same).withEvidence("alias " + same.name(), "taken by the cast file");
            cast.remove(same.id());
            movedTo.put(same.id(), id);
            taken.add(same.name());
        }
        cast.put(id, added.with(added.aliases(), added.gender(), added.role(), 0));
        return taken;
    }

    /** The one character a reference names: its id, name or an alias, ignoring case and a leading article. */
    static StoryCharacter find(Map<String, StoryCharacter> cast, String ref) {
        String want = norm(ref);
        List<StoryCharacter> hits = new ArrayList<>();
        for (StoryCharacter c : cast.values()) {
            boolean hit = c.id().equals(ref) || norm(c.name()).equals(want);
            for (String a : c.aliases()) hit |= norm(a).equals(want);
            if (hit) hits.add(c);
        }
        if (hits.size() == 1) return hits.get(0);
        List<String> names =
                cast.values().stream().map(c -> c.name() + " (" + c.id() + ")").toList();
        throw new IllegalArgumentException((hits.isEmpty()
                        ? "the cast file names '" + ref + "', but the cast has no such character"
                        : "the cast file names '" + ref + "', which fits " + hits.size() + " characters")
                + "; the cast is: " + String.join(", ", names));
    }

    private static String norm(String s) {
        return MentionIndex.stripArticle(s).toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}

package lemon.cd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The role archetypes the C.D. database is generated from, read once from {@code archetypes.json}
 * beside this class. Each archetype carries role-typical actions and lines (so a story character
 * in a similar role can be matched by context) and role-appropriate looks (so its description is
 * a plausible ICL example). The order of the file is the order the generator draws from.
 *
 * <p>Placeholders in actions and lines: {N} the character's name, {O} another character of the
 * same script, {P} a place from the script's setting.
 */
final class Archetypes {
    static final String RESOURCE = "archetypes.json";

    private Archetypes() {}

    /** gender: 'M', 'F' or 'A' (either). */
    record Archetype(
            String key,
            char gender,
            int minAge,
            int maxAge,
            List<String> genres,
            List<String> actions,
            List<String> lines,
            List<String> clothes,
            List<String> looks,
            List<String> builds) {
        Archetype {
            genres = List.copyOf(genres);
            actions = List.copyOf(actions);
            lines = List.copyOf(lines);
            clothes = List.copyOf(clothes);
            looks = List.copyOf(looks);
            builds = List.copyOf(builds);
        }
    }

    static final List<Archetype> ALL = load();

    private static List<Archetype> load() {
        try (InputStream in = Archetypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource lemon/cd/" + RESOURCE);
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lemon/cd/" + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    static List<Archetype> parse(InputStream in) throws IOException {
        List<Archetype> all = List.of(new ObjectMapper()
                .enable(
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .readValue(in, Archetype[].class));
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Archetype a : all) {
            String k = a.key() == null || a.key().isBlank() ? "archetype #" + (all.indexOf(a) + 1) : a.key();
            if (!keys.add(k)) problems.add(k + ": duplicate key");
            if ("MFA".indexOf(a.gender()) < 0) problems.add(k + ": gender must be M, F or A, got " + a.gender());
            if (a.minAge() < 1 || a.maxAge() < a.minAge())
                problems.add(k + ": bad age range " + a.minAge() + "-" + a.maxAge());
            // The generator picks at least 4 actions' worth of sentences and up to 2 lines of dialogue.
            if (a.actions().size() < 4) problems.add(k + ": needs at least 4 actions");
            if (a.lines().size() < 2) problems.add(k + ": needs at least 2 lines");
            if (a.genres().isEmpty()
                    || a.clothes().isEmpty()
                    || a.looks().isEmpty()
                    || a.builds().isEmpty()) {
                problems.add(k + ": genres, clothes, looks and builds must not be empty");
            }
        }
        if (!problems.isEmpty())
            throw new IllegalStateException("bad " + RESOURCE + ": " + String.join("; ", problems));
        return all;
    }
}

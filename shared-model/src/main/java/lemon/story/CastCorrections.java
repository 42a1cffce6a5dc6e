package lemon.story;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's corrections to the cast the analyst found (`lemon run --cast cast.json`), applied right
 * after analysis. Characters are named by id, name or alias. Stored with the run's options, so a
 * resumed run applies the same ones.
 *
 * <pre>{@code
 * {"merge":  [["Cinderella", "Cinderwench", "princess"]],        first one stays, the rest become its aliases
 *  "split":  {"bride": [{"name": "the false bride", "aliases": ["waiting-maid"]},
 *                       {"name": "the true bride", "aliases": ["princess"], "gender": "female"}]},
 *  "add":    [{"name": "the stepmother", "aliases": ["mother-in-law"], "gender": "female"}],
 *  "rename": {"two sisters": "the stepsisters"},
 *  "drop":   ["coachman"],
 *  "gender": {"Cassim": "male"}}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CastCorrections(
        List<List<String>> merge,
        Map<String, List<NewCharacter>> split,
        List<NewCharacter> add,
        Map<String, String> rename,
        List<String> drop,
        Map<String, String> gender) {

    /** A character the user adds, or one of the parts a character is split into. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record NewCharacter(String name, List<String> aliases, String gender) {
        public NewCharacter {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a new character needs a \"name\"");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            gender = gender == null ? "" : gender;
            CastCorrections.gender(gender, name);
        }
    }

    /** For {@code @JsonInclude}: no corrections are not written, so manifests without any stay as they were. */
    public static final class Absent {
        @Override
        public boolean equals(Object o) {
            return o == null || o instanceof CastCorrections c && c.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public static final CastCorrections NONE = new CastCorrections(null, null, null, null, null, null);

    public CastCorrections {
        merge = merge == null ? List.of() : merge.stream().map(List::copyOf).toList();
        split = split == null ? Map.of() : new TreeMap<>(split);
        add = add == null ? List.of() : List.copyOf(add);
        rename = rename == null ? Map.of() : new TreeMap<>(rename);
        drop = drop == null ? List.of() : List.copyOf(drop);
        gender = gender == null ? Map.of() : new TreeMap<>(gender);
        for (List<String> m : merge)
            if (m.size() < 2)
                throw new IllegalArgumentException("each \"merge\" entry lists at least two characters, got " + m);
        for (Map.Entry<String, List<NewCharacter>> s : split.entrySet())
            if (s.getValue() == null || s.getValue().size() < 2)
                throw new IllegalArgumentException(
                        "\"split\" of '" + s.getKey() + "' needs at least two new characters");
        for (Map.Entry<String, String> r : rename.entrySet())
            if (r.getValue() == null || r.getValue().isBlank())
                throw new IllegalArgumentException("\"rename\" of '" + r.getKey() + "' needs a new name");
        gender.forEach((who, g) -> gender(g, who));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return merge.isEmpty()
                && split.isEmpty()
                && add.isEmpty()
                && rename.isEmpty()
                && drop.isEmpty()
                && gender.isEmpty();
    }

    /** "male", "female" or "unknown" (any case); "" for a new character means: not set. */
    public static Gender gender(String g, String who) {
        return switch (g == null ? "" : g.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "male" -> Gender.MALE;
            case "female" -> Gender.FEMALE;
            case "unknown", "" -> Gender.UNKNOWN;
            default ->
                throw new IllegalArgumentException(
                        "gender of '" + who + "' must be male, female or unknown, got '" + g + "'");
        };
    }

    /** Reads a cast file; a malformed one is refused with what is wrong and where. */
    public static CastCorrections parse(byte[] json) {
        try {
            CastCorrections c = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json, CastCorrections.class);
            return c == null ? NONE : c;
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            String msg = cause.getMessage() == null
                    ? cause.toString()
                    : cause.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(
                    "the cast file is not valid: " + msg + " (expected keys: merge, split, add, rename, drop, gender)",
                    e);
        }
    }
}

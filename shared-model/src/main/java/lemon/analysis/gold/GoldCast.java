package lemon.analysis.gold;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One story's hand-made cast (README.md beside the files): who must be found, every phrase the text
 * uses for each, genders, groups, and the appearance cues the text states.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoldCast(
        String story,
        String source,
        List<Member> characters,
        List<Member> minor,
        List<String> ambiguous,
        List<Cue> cues) {
    /** The stories with a gold cast, in the order the evaluation prints them. */
    public static final List<String> STORIES = List.of(
            "aladdin",
            "ashputtel",
            "briar-rose",
            "cinderella",
            "forty-thieves",
            "goose-girl",
            "hansel-and-grettel",
            "rapunzel",
            "sleeping-beauty-in-the-wood",
            "snow-white-and-rose-red",
            "valiant-little-tailor",
            "water-of-life",
            "adventure-salt-road",
            "comedy-wedding-cake",
            "romance-lantern-festival",
            "thriller-night-ferry");

    public GoldCast {
        characters = characters == null ? List.of() : List.copyOf(characters);
        minor = minor == null ? List.of() : List.copyOf(minor);
        ambiguous = ambiguous == null ? List.of() : List.copyOf(ambiguous);
        cues = cues == null ? List.of() : List.copyOf(cues);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(
            String name,
            List<String> aliases,
            String gender,
            String role,
            Integer members,
            String memberOf,
            String note,
            boolean group) {
        public Member {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        /** Name and aliases as written. */
        public List<String> phrases() {
            List<String> all = new ArrayList<>();
            all.add(name);
            all.addAll(aliases);
            return all;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cue(String character, String kind, String value, String sentence) {}

    /** Whether the story is one of the twelve tales (the paper's), not one of the four written for the repo. */
    public boolean tale() {
        return source().startsWith("tales/");
    }

    /** The bundled gold cast of {@code story} (one of {@link #STORIES}). */
    public static GoldCast bundled(String story) {
        String resource = "/lemon/analysis/gold/" + story + ".json";
        try (InputStream in = GoldCast.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no gold cast for '" + story + "' (" + resource + ")");
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A gold cast file; a character with a {@code members} field (a count or null) is a group. */
    public static GoldCast parse(byte[] json) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(json);
        for (String list : List.of("characters", "minor")) {
            if (tree.get(list) instanceof ArrayNode members)
                for (JsonNode m : members) if (m instanceof ObjectNode o) o.put("group", o.has("members"));
        }
        return mapper.treeToValue(tree, GoldCast.class);
    }

    private static final Set<String> LEADING = Set.of(
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "my",
            "our",
            "your",
            "this",
            "that",
            "these",
            "those",
            // honorifics: "Miss Charlotte" and "Charlotte" are one person
            "miss",
            "mrs",
            "mr",
            "ms",
            "sir",
            "dame",
            "madam");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}' -]+");

    /**
     * How phrases are compared: lower case, curly apostrophes straightened, punctuation dropped, and
     * leading articles, possessives and honorifics removed ("Her Two Sisters" and "two sisters" are one
     * key, as are "Miss Charlotte" and "Charlotte").
     */
    public static String key(String phrase) {
        String s = phrase.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'');
        s = NON_WORD.matcher(s).replaceAll(" ").replace('-', ' ').strip().replaceAll("\\s+", " ");
        while (true) {
            int space = s.indexOf(' ');
            if (space < 0 || !LEADING.contains(s.substring(0, space))) return s;
            s = s.substring(space + 1);
        }
    }
}

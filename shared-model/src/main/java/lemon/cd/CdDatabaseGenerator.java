package lemon.cd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lemon.cd.Archetypes.Archetype;
import lemon.story.CdPair;

/**
 * Generates the project's own C.D. database: invented scripts per genre, each with 3–6 characters
 * drawn from role archetypes, a screenplay-like context and one appearance sentence per character.
 * Deterministic for a seed (java.util.Random is specified to be stable across JVMs).
 */
public final class CdDatabaseGenerator {
    public static final long DEFAULT_SEED = 20240825L;
    public static final int DEFAULT_SCRIPTS = 80;
    /** The bundled database, relative to the repository root. */
    public static final String DEFAULT_OUT = "shared-model/src/main/resources/lemon/cd/cd-database.jsonl";

    /** The pairs plus the archetype behind each pair id (evaluation ground truth). */
    public record Generated(List<CdPair> pairs, Map<String, String> archetypeById) {}

    static final List<String> GENRES = List.of(
            "fairy tale", "adventure", "romance", "thriller", "comedy", "drama", "fantasy", "sci-fi", "western");

    private static final Map<String, List<String>> PLACES = Map.of(
            "fairy tale",
                    List.of(
                            "the dark forest",
                            "the castle courtyard",
                            "the woodcutter's hut",
                            "the royal ballroom",
                            "the village well",
                            "the tower room",
                            "the market square"),
            "adventure",
                    List.of(
                            "the desert camp",
                            "the mountain pass",
                            "the harbour",
                            "the ship's deck",
                            "the jungle ruins",
                            "the caravan road",
                            "the cave mouth"),
            "romance",
                    List.of(
                            "the riverside workshop",
                            "the lantern festival",
                            "the old bridge",
                            "the café terrace",
                            "the rainy station",
                            "the village dance",
                            "the rose garden"),
            "thriller",
                    List.of(
                            "the night ferry",
                            "the hotel corridor",
                            "the empty warehouse",
                            "the police station",
                            "the foggy quay",
                            "the embassy garden",
                            "the night train"),
            "comedy",
                    List.of(
                            "the bakery",
                            "the wedding marquee",
                            "the village fête",
                            "the car park",
                            "the manor kitchen",
                            "the town hall",
                            "the crowded inn"),
            "drama",
                    List.of(
                            "the farmhouse kitchen",
                            "the hospital corridor",
                            "the family table",
                            "the snowy street",
                            "the old mill",
                            "the churchyard",
                            "the bare attic"),
            "fantasy",
                    List.of(
                            "the throne room",
                            "the dragon's pass",
                            "the elven ford",
                            "the wizard's tower",
                            "the burning keep",
                            "the frozen moor",
                            "the great hall"),
            "sci-fi",
                    List.of(
                            "the starship bridge",
                            "the orbital lab",
                            "the mining colony",
                            "the cargo bay",
                            "the red desert of the moon",
                            "the control room",
                            "the med bay"),
            "western",
                    List.of(
                            "the saloon",
                            "the dusty main street",
                            "the jailhouse",
                            "the railway halt",
                            "the canyon trail",
                            "the ranch corral",
                            "the general store"));

    private static final Map<String, List<String>> TITLE_WORDS = Map.of(
            "fairy tale", List.of("Glass", "Thorn", "Golden", "Silver", "Raven", "Apple", "Spindle", "Lantern"),
            "adventure", List.of("Salt", "Compass", "Ember", "Storm", "Iron", "Sand", "Cobalt", "Horizon"),
            "romance", List.of("Paper", "Summer", "Violet", "Harbour", "Honey", "Letter", "Rose", "Quiet"),
            "thriller", List.of("Midnight", "Cipher", "Ashen", "Silent", "Broken", "Ghost", "Hollow", "Crimson"),
            "comedy", List.of("Wobbly", "Sugar", "Muddled", "Jolly", "Crooked", "Soggy", "Dizzy", "Plum"),
            "drama", List.of("Winter", "Harvest", "Distant", "Bitter", "Fading", "Patient", "Stone", "Last"),
            "fantasy", List.of("Dragon", "Elder", "Moon", "Shadow", "Crown", "Rune", "Frost", "Wyrm"),
            "sci-fi", List.of("Orbit", "Quantum", "Nova", "Vector", "Signal", "Helix", "Titan", "Zero"),
            "western", List.of("Dust", "Canyon", "Bullet", "Prairie", "Mesa", "Rawhide", "Copper", "Lone"));
    private static final List<String> TITLE_NOUNS = List.of(
            "Road",
            "Bargain",
            "Crossing",
            "Secret",
            "Season",
            "Promise",
            "Gate",
            "Hour",
            "Song",
            "Inheritance",
            "Key",
            "Well",
            "Debt",
            "Return");

    private static final List<String> ONSETS = List.of(
            "B", "Br", "C", "D", "Dr", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "Th", "V", "W", "Z",
            "El", "Or", "Al", "Is", "Mar", "Tal");
    private static final List<String> VOWELS = List.of("a", "e", "i", "o", "u", "ae", "ia", "ei", "ou");
    private static final List<String> MALE_ENDS =
            List.of("n", "r", "d", "k", "s", "m", "ric", "ver", "dan", "mon", "tus", "lo", "gar", "bert", "win");
    private static final List<String> FEMALE_ENDS =
            List.of("a", "ia", "elle", "ina", "ra", "lie", "eth", "ine", "ssa", "wen", "ora", "ly", "sa", "nna");
    private static final List<String> SURNAMES = List.of(
            "Ashby",
            "Varga",
            "Cole",
            "Plum",
            "Merrow",
            "Quill",
            "Harrow",
            "Brandt",
            "Okafor",
            "Lindqvist",
            "Mendez",
            "Castell",
            "Dunmore",
            "Ferrant",
            "Galloway",
            "Hale",
            "Ivers",
            "Kestrel",
            "Moreau",
            "Nakamura",
            "Petrov",
            "Rourke",
            "Sato",
            "Thorne",
            "Vance",
            "Whitlock",
            "Yilmaz",
            "Zeller");

    private static final List<String> SKIN = List.of(
            "fair-skinned", "pale", "olive-skinned", "tanned", "brown-skinned", "dark-skinned", "ruddy-cheeked");
    private static final List<String> HAIR_COLOURS = List.of(
            "black", "dark brown", "chestnut", "auburn", "red", "sandy", "blond", "light brown", "jet-black", "copper");
    private static final List<String> MALE_HAIR = List.of(
            "short cropped",
            "shaggy",
            "curly",
            "neatly combed",
            "thinning",
            "shoulder-length",
            "tousled",
            "close-shaven");
    private static final List<String> FEMALE_HAIR = List.of(
            "long braided",
            "wavy shoulder-length",
            "tied-back",
            "short curly",
            "long straight",
            "pinned-up",
            "loosely plaited",
            "bobbed");

    private CdDatabaseGenerator() {}

    public static Generated generate() {
        return generate(DEFAULT_SEED, DEFAULT_SCRIPTS);
    }

    public static Generated generate(long seed, int scriptCount) {
        Random rnd = new Random(seed);
        List<CdPair> pairs = new ArrayList<>();
        Map<String, String> archetypeById = new LinkedHashMap<>();
        Set<String> titles = new HashSet<>();
        for (int s = 0; s < scriptCount; s++) {
            String genre = GENRES.get(s % GENRES.size());
            String title = uniqueTitle(rnd, genre, titles);
            List<Archetype> cast = pickCast(rnd, genre, 3 + rnd.nextInt(4));
            List<String> names = new ArrayList<>();
            List<Character> genders = new ArrayList<>();
            for (Archetype a : cast) {
                char g = a.gender() == 'A' ? (rnd.nextBoolean() ? 'M' : 'F') : a.gender();
                genders.add(g);
                String name;
                do {
                    name = inventName(rnd, g, genre);
                } while (names.contains(name));
                names.add(name);
            }
            List<String> places = PLACES.get(genre);
            for (int c = 0; c < cast.size(); c++) {
                Archetype a = cast.get(c);
                String id = String.format("s%03d-c%d", s + 1, c + 1);
                String context = context(rnd, a, names, c, places);
                String description = description(rnd, a, genders.get(c));
                pairs.add(new CdPair(id, title, genre, names.get(c), context, description));
                archetypeById.put(id, a.key());
            }
        }
        return new Generated(List.copyOf(pairs), archetypeById);
    }

    /** The JSONL text: one object per line, fields in record order, LF line ends. */
    public static String toJsonl(List<CdPair> pairs) {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (CdPair p : pairs) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", p.id());
            row.put("script", p.script());
            row.put("genre", p.genre());
            row.put("character", p.character());
            row.put("context", p.context());
            row.put("description", p.description());
            try {
                out.append(json.writeValueAsString(row)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** Regenerates the database (default seed and size) into {@code out}; returns the number of pairs. */
    public static int write(Path out) throws IOException {
        List<CdPair> pairs = generate().pairs();
        if (out.toAbsolutePath().getParent() != null)
            Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, toJsonl(pairs), StandardCharsets.UTF_8);
        return pairs.size();
    }

    private static String uniqueTitle(Random rnd, String genre, Set<String> used) {
        List<String> words = TITLE_WORDS.get(genre);
        while (true) {
            String t = "The " + pick(rnd, words) + " " + pick(rnd, TITLE_NOUNS);
            if (used.add(t)) return t;
        }
    }

    private static List<Archetype> pickCast(Random rnd, String genre, int size) {
        List<Archetype> fitting = new ArrayList<>();
        for (Archetype a : Archetypes.ALL) if (a.genres().contains(genre)) fitting.add(a);
        List<Archetype> cast = new ArrayList<>();
        while (cast.size() < size && !fitting.isEmpty()) {
            cast.add(fitting.remove(rnd.nextInt(fitting.size())));
        }
        return cast;
    }

    private static String inventName(Random rnd, char gender, String genre) {
        String first = pick(rnd, ONSETS) + pick(rnd, VOWELS) + pick(rnd, gender == 'M' ? MALE_ENDS : FEMALE_ENDS);
        // Modern genres give people surnames; fairy tales and fantasy do with one name.
        boolean modern = genre.equals("thriller")
                || genre.equals("comedy")
                || genre.equals("sci-fi")
                || genre.equals("romance")
                || genre.equals("drama");
        return modern && rnd.nextInt(3) == 0 ? first + " " + pick(rnd, SURNAMES) : first;
    }

    /** 5–8 sentences, every one naming the character, mixing role actions and dialogue. */
    private static String context(Random rnd, Archetype a, List<String> names, int self, List<String> places) {
        List<String> actions = new ArrayList<>(a.actions());
        List<String> lines = new ArrayList<>(a.lines());
        int nLines = 1 + rnd.nextInt(2);
        int nActions = Math.min(actions.size(), 4 + rnd.nextInt(3));
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < nActions; i++) chosen.add(actions.remove(rnd.nextInt(actions.size())));
        for (int i = 0; i < nLines; i++) {
            // Dialogue goes between actions, never first, so the scene opens on action.
            chosen.add(1 + rnd.nextInt(chosen.size()), lines.remove(rnd.nextInt(lines.size())));
        }
        String name = names.get(self);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < chosen.size(); i++) {
            String other = names.get((self + 1 + rnd.nextInt(names.size() - 1)) % names.size());
            String sentence = Variation.paraphrase(chosen.get(i), rnd)
                    .replace("{N}", name)
                    .replace("{O}", other);
            sentence = i == 0 ? "In " + pick(rnd, places) + ", " + sentence : Variation.opener(sentence, rnd);
            if (i > 0) out.append(' ');
            out.append(sentence);
        }
        return out.toString();
    }

    /**
     * A fresh description in the database's register: an archetype drawn uniformly, its gender (either
     * for 'A'), age, build, looks, hair and clothes drawn as {@link #generate} draws them. The
     * portrait model trains on such sentences so that it reads the describer's register (issue 14);
     * {@link #generate}'s draws are untouched, so the committed database stays byte-identical.
     */
    public static String randomDescription(Random rnd) {
        Archetype a = Archetypes.ALL.get(rnd.nextInt(Archetypes.ALL.size()));
        char g = a.gender() == 'A' ? (rnd.nextBoolean() ? 'M' : 'F') : a.gender();
        return description(rnd, a, g);
    }

    private static String description(Random rnd, Archetype a, char gender) {
        int age = a.minAge() + rnd.nextInt(a.maxAge() - a.minAge() + 1);
        String hair = hair(rnd, age, gender);
        return String.format(
                "%s %s with a %s build, %s, %s, wearing %s",
                article(pick(rnd, SKIN)),
                person(age, gender),
                pick(rnd, a.builds()),
                pick(rnd, a.looks()),
                hair,
                pick(rnd, a.clothes()));
    }

    private static String person(int age, char gender) {
        boolean m = gender == 'M';
        if (age < 13) return (m ? "boy" : "girl") + " of about " + age;
        if (age < 20) return (m ? "youth" : "girl") + " of " + age;
        String decade = switch (age / 10) {
            case 2 -> "twenties";
            case 3 -> "thirties";
            case 4 -> "forties";
            case 5 -> "fifties";
            case 6 -> "sixties";
            case 7 -> "seventies";
            case 8 -> "eighties";
            default -> "nineties";
        };
        int r = age % 10;
        String part = r < 4 ? "early " : r < 7 ? "mid-" : "late ";
        String noun = age >= 65 ? (m ? "old man" : "old woman") : (m ? "man" : "woman");
        return noun + " in " + (m ? "his " : "her ") + part + decade;
    }

    private static String hair(Random rnd, int age, char gender) {
        String style = pick(rnd, gender == 'M' ? MALE_HAIR : FEMALE_HAIR);
        if (age >= 60) return style + " " + pick(rnd, List.of("grey", "white", "silver", "iron-grey")) + " hair";
        if (age >= 45) return style + " greying " + pick(rnd, HAIR_COLOURS) + " hair";
        return style + " " + pick(rnd, HAIR_COLOURS) + " hair";
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static <T> T pick(Random rnd, List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }
}

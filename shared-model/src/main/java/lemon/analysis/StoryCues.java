package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/**
 * What the story itself says about a character's looks and station, sentence by sentence, so a
 * description can keep it: the words around a mention ("the old cobbler", "Henrik was a tall man
 * with a grey beard", "Abdallah, her fellow-slave"), what the character wears or carries ("she put
 * on a head-dress", "carrying an axe") and its own things ("his long white beard", "her golden
 * hair"). Rule-based and deterministic; a few cues per kind, first said first.
 */
public final class StoryCues {
    private StoryCues() {}

    /** At most this many cues of one kind: the first ones the story gives. */
    static final int PER_KIND = 3;

    private static final Map<String, String> ADJECTIVE_KIND = new HashMap<>();

    static {
        for (String w : List.of("old", "young", "aged", "elderly", "ancient", "youthful")) ADJECTIVE_KIND.put(w, "age");
        for (String w : List.of(
                "tall",
                "short",
                "fat",
                "thin",
                "stout",
                "slender",
                "small",
                "little",
                "huge",
                "big",
                "strong",
                "lean",
                "plump",
                "broad",
                "hunchbacked",
                "bent",
                "hunched",
                "lame",
                "tiny",
                "enormous",
                "powerful",
                "one-eyed",
                "bony",
                "sturdy",
                // "a lanky sixteen-year-old", "a compact woman", "a burly man"
                "lanky",
                "slim",
                "gangly",
                "wiry",
                "stocky",
                "burly",
                "skinny",
                "compact",
                "muscular",
                "frail",
                "portly",
                "chubby",
                "round",
                "stooped",
                // "a broad-shouldered woman in her fifties", "a spindly silver machine"
                "broad-shouldered",
                "thickset",
                "heavyset",
                "gaunt",
                "spindly",
                // "a large, warm woman in bright printed dresses"
                "large",
                "scrawny",
                "petite",
                "heavy", // "a heavy woman in a navy uniform"
                // "a barrel-chested man with a grey beard"
                "barrel-chested",
                // "as he was light and nimble, he felt no fatigue"
                "nimble",
                "agile")) ADJECTIVE_KIND.put(w, "build");
        for (String w :
                List.of("pale", "swarthy", "dark-skinned", "sunburnt", "tanned", "rosy", "dirty", "sooty", "freckled"))
            ADJECTIVE_KIND.put(w, "skin");
        for (String w : List.of("beautiful", "handsome", "ugly", "pretty", "lovely", "plain", "comely"))
            ADJECTIVE_KIND.put(w, "looks");
        // an animal's coat ("a spotted terrier called Biscuit")
        for (String w :
                List.of("spotted", "striped", "speckled", "shaggy", "scruffy", "brindled", "dappled", "piebald"))
            ADJECTIVE_KIND.put(w, "looks");
        for (String w : List.of("poor", "rich", "wealthy", "royal", "noble", "humble", "ragged"))
            ADJECTIVE_KIND.put(w, "station");
    }

    static final Set<String> HAIR = Set.of(
            "hair",
            "locks",
            "curls",
            "tresses",
            "braids",
            "braid",
            "plaits",
            "plait",
            "pigtails",
            "ringlets",
            "bob",
            "ponytail");
    static final Set<String> BEARD = Set.of("beard", "moustache", "mustache", "whiskers", "stubble", "goatee");
    static final Set<String> SKIN = Set.of("skin", "cheeks", "complexion", "face", "lips");
    static final Set<String> HEADWEAR = Set.of(
            "hat",
            "cap",
            "crown",
            "turban",
            "hood",
            "veil",
            "head-dress",
            "headdress",
            "helmet",
            "bonnet",
            "wreath",
            "circlet",
            "kerchief",
            "headscarf",
            "coif",
            "tiara",
            "hijab",
            "beret",
            "pinner",
            "headband",
            "visor");
    static final Set<String> GARMENTS = Set.of(
            "cloak",
            "coat",
            "dress",
            "gown",
            "robe",
            "robes",
            "tunic",
            "apron",
            "shirt",
            "jacket",
            "waistcoat",
            "trousers",
            "breeches",
            "boots",
            "shoes",
            "slippers",
            "slipper",
            "shoe",
            "girdle",
            "sash",
            "belt",
            "scarf",
            "shawl",
            "mantle",
            "petticoat",
            "suit",
            "clothes",
            "rags",
            "uniform",
            "armour",
            "armor",
            "disguise",
            "habit",
            "frock",
            "stockings",
            "vest",
            "smock",
            "skirt",
            "doublet",
            "cape",
            "clothing",
            "garment",
            "garments",
            "jerkin",
            "sandals",
            "manteau",
            "stomacher",
            "livery",
            "apparel",
            "finery",
            // what people of today's stories wear ("the same blue fisherman's jumper")
            "jumper",
            "sweater",
            "jersey",
            "cardigan",
            "tie",
            "necktie",
            "cravat",
            "glasses", // worn, as spectacles are: "wearing silver-rimmed glasses"
            "spectacles",
            "raincoat",
            "overcoat",
            "jeans",
            "anorak",
            "parka",
            "blazer",
            "overalls",
            "scrubs", // "still in her blue scrubs under a long camel coat"
            "hoodie",
            "oilskin",
            "mackintosh",
            "blouse",
            "kilt",
            "sari",
            "kimono",
            "kaftan",
            "caftan",
            "gloves",
            "mittens",
            "tracksuit",
            "spacesuit",
            "trainers",
            "sneakers",
            "t-shirt",
            "shorts",
            "bandage",
            // "an old priest in a black cassock", "a girl in a pinafore"
            "cassock",
            "pinafore",
            "dungarees",
            "wellingtons");
    /** "an ugly dwarf", "a one-eyed man", "a usual petticoat", "an honest face": the article by sound, not letter. */
    public static String article(String next) {
        String w = next.toLowerCase(Locale.ROOT);
        if (w.matches("(one|once|uni|use|usu|eu|ewe).*")) return "a";
        if (w.matches("(hour|honest|honour|honor|heir).*")) return "an";
        return w.matches("[aeiou].*") ? "an" : "a";
    }

    /** Whether a noun names an animal ("bird", "turtle-doves"). */
    public static boolean isAnimalNoun(String noun) {
        return Lexicon.isAnimal(noun.toLowerCase(Locale.ROOT));
    }

    static final Set<String> OBJECTS = Set.of(
            "lamp",
            "basin",
            "pebble", // "one of the white pebbles out of his pocket"
            "rag", // the goose-girl's mother's rag with three drops of blood
            "powder", // "a powder he had about him"
            "ring",
            "wand",
            "dagger",
            "sword",
            "scimitar",
            "sabre",
            "staff",
            "stick",
            "axe",
            "basket",
            "purse",
            "jug",
            "spindle",
            "necklace",
            "bag",
            "book",
            "pipe",
            "flute",
            "tabor",
            "drum",
            "bow",
            "spear",
            "lantern",
            "key",
            "mirror",
            "comb",
            "apple",
            "bouquet",
            "broomstick",
            "broom",
            "knife",
            "club",
            "cudgel",
            "sack",
            "pitcher",
            "bucket",
            "pail",
            "crook",
            "whip",
            "cane",
            "umbrella",
            "violin",
            "fiddle",
            "harp",
            "needle",
            "thread",
            "scissors",
            "shears",
            "hammer",
            "net",
            "rod",
            "satchel",
            "bundle",
            "letter",
            "map",
            "pistol",
            "gun",
            "rifle",
            "torch",
            "candle",
            "cup",
            "goblet",
            "chalk",
            "briefcase",
            "suitcase",
            "watch",
            "ledger",
            "notebook",
            "wallet",
            "rope",
            "shield",
            "lance",
            "scroll",
            "flask",
            "pouch",
            "whistle",
            "clipboard",
            "camera",
            "kite",
            // "he never went anywhere without his battered guitar", "turning a brass compass over in his hands"
            "guitar",
            "compass",
            "rucksack",
            "backpack",
            "case", // "his sample case"
            "bar"); // "took a great iron bar"
    private static final Set<String> RIDE = Set.of("mounted", "mounting", "rode", "riding");

    /** Beasts someone rides: said as "riding a horse", not carried. */
    private static final Set<String> MOUNTS = Set.of("horse", "pony", "mule", "donkey", "camel", "steed");

    private static final Set<String> WEAR = Set.of(
            "wore",
            "wears",
            "wearing",
            "dressed",
            "clad",
            "clothed",
            "donned",
            "attired",
            "arrayed",
            "clasped",
            "fastened",
            "buckled",
            "girded");
    private static final Set<String> CARRY = Set.of(
            "carried",
            "carrying",
            "carries",
            "carry",
            "held",
            "holding",
            "holds",
            "bore",
            "bearing",
            "brandished",
            "brandishing",
            "clutched",
            "clutching",
            "took",
            "taking",
            "fetched",
            "drew",
            "seized",
            "seizing",
            "snatched",
            "snatching",
            "grasped",
            "grasping",
            "wielded",
            "wielding",
            "pulled", // "pulled out his purse"
            "stuck", // "the Princess stuck the rag in front of her dress"
            "pulling");
    /** "raised his scimitar to strike": verbs that lift or swing what is held; said of what is worn, nothing held. */
    private static final Set<String> RAISED =
            Set.of("raised", "raising", "lifted", "lifting", "swung", "swinging", "waved", "waving");
    /** Verbs whose object does what the subject makes it do: "made Aladdin kneel down". */
    private static final Set<String> CAUSATIVES = Set.of("made", "let", "bade", "bid", "helped");

    private static final Set<String> DETERMINERS =
            Set.of("a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "some", "one", "two", "pair");
    /** Words a noun phrase of looks may hold before its head: colours, materials, sizes, "long". */
    private static final Set<String> DESCRIBING = Set.of(
            "long",
            "short",
            "thick",
            "thin",
            "white",
            "black",
            "grey",
            "gray",
            "red",
            "golden",
            "gold",
            "yellow",
            "brown",
            "blue",
            "green",
            "silver",
            "auburn",
            "copper",
            "purple",
            "pink",
            "orange",
            "scarlet",
            "crimson",
            "dark",
            "fair",
            "ruddy",
            "curly",
            "straight",
            "flowing",
            "braided",
            "plaited",
            "tangled",
            "bushy",
            "glass",
            "velvet",
            "silk",
            "silken",
            "linen",
            "woollen",
            "leather",
            "fur",
            "iron",
            "wooden",
            "high",
            "pointed",
            "tall",
            "great",
            "little",
            "big",
            "large",
            "small",
            "fine",
            "rich",
            "old",
            "new",
            "ragged",
            "torn",
            "patched",
            "dirty",
            "clean",
            "shining",
            "bright",
            "heavy",
            "light",
            "embroidered",
            "jewelled",
            "spangled",
            "magic",
            "enchanted",
            "sharp",
            "curved",
            "bloody",
            "rusty",
            "gilded",
            "beautiful",
            "splendid",
            "grand",
            "plain",
            "simple",
            "wide",
            "narrow",
            "broad",
            "pale",
            "rosy",
            "snow-white",
            "coal-black",
            "mean",
            "poor",
            "precious");

    public static List<StoryCue> of(String text, StoryCharacter c, List<StoryCharacter> all) {
        List<StoryCharacter> chars = new ArrayList<>(all);
        if (chars.stream().noneMatch(o -> o.id().equals(c.id()))) chars.add(c);
        MentionIndex index = MentionIndex.build(text, chars);
        Map<String, List<StoryCue>> byKind = new LinkedHashMap<>();
        String role = c.role().toLowerCase(Locale.ROOT);
        List<Integer> named = index.sentencesMentioning(c.id(), false);
        if (isStation(role) && !named.isEmpty())
            add(byKind, new StoryCue("station", role, index.sentences().get(named.get(0))));
        boolean animal = animal(c) != null;
        Map<String, lemon.story.Gender> sexes = new java.util.HashMap<>();
        for (StoryCharacter o : chars) sexes.put(o.id(), o.gender());
        Map<Integer, Integer> strangers = strangersSentences(index);
        Set<Integer> theirs = namedStranger(index, c, strangers);
        theirs.addAll(selfNamedStranger(index, c, sexes));
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            String sentence = index.sentences().get(s);
            // "he screamed …: 'Couldn't you have treated me more carefully? You have torn my thin little coat'": the
            // "my" of a speech's later sentences is its speaker's
            if (c.id().equals(index.speakerGoingOn(s))) {
                List<StoryCue> said = new ArrayList<>();
                spoken(stillQuoted(ts), sentence, said);
                for (StoryCue cue : said) add(byKind, cue);
            }
            List<MentionIndex.Mention> mentions = new ArrayList<>(index.mentions(s));
            if (theirs.contains(s)) {
                mentions.removeIf(m -> m.start() == 0);
                mentions.add(0, new MentionIndex.Mention(c.id(), s, 0, 1, false));
            }
            for (MentionIndex.Mention m : mentions) {
                if (!m.characterId().equals(c.id())) continue;
                // "The dead man was lying face down on the rocks. He wore an expensive camel coat": the coat is the
                // dead man's, whom no character is, not the detective's named before him
                if (!m.explicit() && m.start() == 0 && strangers.containsKey(s) && !theirs.contains(s)) continue;
                List<StoryCue> found = new ArrayList<>();
                if (m.explicit()) {
                    before(ts, m.start(), m.end(), sentence, found);
                    after(ts, m.start(), m.end(), c.gender(), sentence, found);
                    epithet(ts, m.end(), chars, sentence, found);
                    // "her two apprentices, Pim and Marlo": what the names are listed as
                    String listed = GenderVotes.listedUnder(ts, m.start());
                    if (listed != null && isStation(listed)) found.add(new StoryCue("station", listed, sentence));
                    // "a snow-white bird" where it is called "snow-white bird": the colour is the name's own first word
                    boolean colourNamed = m.end() - m.start() > 1
                            && COAT_COLOURS.contains(ts.get(m.start()).lower());
                    if (animal) coat(ts, m.start() + (colourNamed ? 1 : 0), sentence, found);
                    // "a grey donkey called Zahra": the colour before the kind it is named as
                    if (animal
                            && m.start() >= 2
                            && Lexicon.NAMING_VERBS.contains(
                                    ts.get(m.start() - 1).lower())
                            && Lexicon.isAnimal(ts.get(m.start() - 2).lower()))
                        coat(ts, m.start() - 2, sentence, found);
                } else if (describedAsPerson(ts, m)) {
                    // "She was a small, quick woman of forty with silver-rimmed glasses", as of a name
                    after(ts, m.start(), m.end(), c.gender(), sentence, found);
                }
                // a name, or a he or she: someone the sentence is about, not only whose thing it is
                boolean subject = m.explicit()
                        || subjectPronoun(ts, m)
                        || ts.get(m.start()).lower().equals("i");
                // "did not recognize him in the disguise of an oil merchant"
                // ("stabbed her with a knife" is the stabber's knife)
                if (!m.explicit()
                        && List.of("him", "her").contains(ts.get(m.start()).lower())
                        && m.end() < ts.size()
                        && ts.get(m.end()).lower().equals("in")) with(ts, m.end(), c.gender(), sentence, found);
                if (subject) yearsOld(ts, m.end(), sentence, found);
                if (m.explicit()) pairsAge(ts, m, c.gender(), sentence, found);
                // "…brought in a motorcyclist, a burly man in a torn leather jacket … His name was Duncan"
                if (m.explicit()) personPhrase(ts, namedByRelative(ts, m.start()), c.gender(), sentence, found);
                if (m.explicit()) introduced(index, s, m, c.gender(), found);
                if (m.explicit() && s > 0 && nameGivenAfter(ts, m.start()))
                    strangerBefore(
                            index.tokens().get(s - 1),
                            c.gender(),
                            index.sentences().get(s - 1),
                            found);
                // "He was seventy if he was a day", "She was fifty-three, short and strong"
                if (subject
                        && m.end() + 1 < ts.size()
                        && ts.get(m.end()).lower().equals("was")
                        && bareAge(ts, m.end() + 1)
                        && found.stream().noneMatch(q -> q.kind().equals("age")))
                    ageAndLooks(ts, m.end() + 1, c.gender(), sentence, found);
                if (subject) had(ts, m.end(), sentence, found);
                if (subject) dressedLike(ts, m.end(), sentence, found);
                if (animal && !m.explicit()) ownCoat(ts, m, animal(c), sentence, found);
                if (!m.explicit()) carriedBefore(ts, m.start(), sentence, found);
                if (!m.explicit()) outOfTheirs(ts, m.start(), sentence, found);
                if (subject) takenBack(ts, m, sentence, found);
                if (subject) madeInto(ts, m.end(), sentence, found);
                if (subject) ofTheRace(ts, m.end(), sentence, found);
                if (subject) childOf(ts, m.end(), sentence, found);
                if (!m.explicit()) saidToBe(ts, m, sentence, found);
                if (subject) goneAbout(ts, m.end(), sentence, found);
                if (subject) wornIn(ts, m, index.mentions(s), c.gender(), sentence, found);
                possessions(ts, m, index.mentions(s), sexes, sentence, found);
                actions(ts, m, c.gender(), index.mentions(s), sentence, found);
                if (m.explicit() || namedJustBefore(index, s, m) || givenBySomeoneNamed(index, s, m))
                    given(ts, m, sentence, found);
                if (subject && Lexicon.speaker(ts, m)) spoken(ts, sentence, found);
                else if (m.explicit()) {
                    List<WordToken> said = saysNext(ts, m, index.mentions(s));
                    if (said != null) spoken(said, sentence, found);
                }
                if (subject) work(ts, sentence, m, index.mentions(s), found);
                if (m.explicit()) addressed(ts, m, sentence, found);
                // clothes or things reached through a pronoun are not an animal's: "in her little grey frock" just
                // after "the bird" is the girl's, "he took a rope and an axe" after the unicorn is the tailor's,
                // whom the mention index missed
                if (animal && !m.explicit())
                    found.removeIf(
                            q -> List.of("clothing", "headwear", "object").contains(q.kind()));
                for (StoryCue cue : found) add(byKind, cue);
            }
        }
        if (c.members() != null) for (StoryCue cue : theirs(c, index)) add(byKind, cue);
        StoryCue couple = oldCouple(c, index);
        if (couple != null) add(byKind, couple);
        for (StoryCue cue : marriedTo(c, index)) add(byKind, cue);
        for (StoryCue cue : namesSay(c, index)) add(byKind, cue);
        if (!c.isGroup()) for (StoryCue cue : spokenTo(c, index)) add(byKind, cue);
        // "two children, … named Morning, and … they called Day": a member of a group of children is a child
        for (StoryCharacter g : chars) {
            if (!g.id().equals(c.memberOf())) continue;
            String[] words = g.name().toLowerCase(Locale.ROOT).strip().split("\\s+");
            String sentence = firstUse(g.name(), index);
            if ("child".equals(Lexicon.singularOfPlural(words[words.length - 1])) && sentence != null)
                add(byKind, new StoryCue("age", "child", sentence));
        }
        List<StoryCue> out = new ArrayList<>();
        byKind.values().forEach(out::addAll);
        // a noun of the other sex near a mention ("the clerk, his wife and maid") is someone else
        out.removeIf(q -> q.kind().equals("gender")
                && c.gender() != lemon.story.Gender.UNKNOWN
                && Lexicon.genderOfHead(q.value()) != lemon.story.Gender.UNKNOWN
                && Lexicon.genderOfHead(q.value()) != c.gender());
        return out;
    }

    private static final Set<String> SPOUSES =
            Set.of("father", "mother", "step-mother", "stepmother", "husband", "wife");

    /**
     * "when the old people had fallen asleep" (Hansel and Grettel's father and step-mother): "the old people", "the
     * old couple" or "the old folk" of a story whose one man and one woman are a father or husband and a mother or
     * wife are those two, and old. Not "the old people of the village".
     */
    private static StoryCue oldCouple(StoryCharacter c, MentionIndex index) {
        if (c.isGroup() || !isSpouse(c)) return null;
        if (spouses(index, lemon.story.Gender.MALE) != 1 || spouses(index, lemon.story.Gender.FEMALE) != 1) return null;
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (int k = 0; k + 2 < ts.size(); k++)
                if (ts.get(k).lower().equals("the")
                        && ts.get(k + 1).lower().equals("old")
                        && List.of("people", "couple", "folk", "folks")
                                .contains(ts.get(k + 2).lower())
                        && (k + 3 >= ts.size()
                                || !List.of("of", "in", "from")
                                        .contains(ts.get(k + 3).lower())))
                    return new StoryCue("age", "old", index.sentences().get(s));
        }
        return null;
    }

    private static final java.util.regex.Pattern SPOUSE_OF =
            java.util.regex.Pattern.compile("(?i)(?:(.+)['’]s (wife|husband)|(wife|husband) of (.+))");

    /**
     * "Cassim was married to a rich wife": what the story says of the wife as it marries her to someone, for the
     * character that is that one's wife ("Cassim's wife"); the same for a husband.
     */
    private static List<StoryCue> marriedTo(StoryCharacter c, MentionIndex index) {
        java.util.regex.Matcher mm = SPOUSE_OF.matcher(c.name());
        if (!mm.matches()) return List.of();
        String owner = mm.group(1) != null ? mm.group(1) : mm.group(4),
                spouse = (mm.group(2) != null ? mm.group(2) : mm.group(3)).toLowerCase(Locale.ROOT);
        StoryCharacter married = index.characters().stream()
                .filter(o -> o != c
                        && (o.name().equalsIgnoreCase(owner) || o.aliases().contains(owner)))
                .findFirst()
                .orElse(null);
        if (married == null) return List.of();
        List<StoryCue> out = new ArrayList<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            for (MentionIndex.Mention m : index.mentions(s)) {
                if (!m.explicit() || !m.characterId().equals(married.id())) continue;
                int k = m.end();
                if (k < ts.size() && ts.get(k).lower().equals("was")) k++;
                if (k >= ts.size()
                        || !List.of("married", "wedded").contains(ts.get(k).lower())) continue;
                k++;
                if (k < ts.size() && ts.get(k).lower().equals("to")) k++;
                if (k >= ts.size() || !List.of("a", "an").contains(ts.get(k).lower())) continue;
                int first = ++k;
                while (k < ts.size() && ts.get(k).isWord() && !ts.get(k).lower().equals(spouse)) k++;
                if (k == ts.size() || k - first > 3) continue;
                String sentence = index.sentences().get(s);
                for (int j = first; j < k; j++) describe(ts.get(j).lower(), sentence, out);
            }
        }
        return out;
    }

    private static long spouses(MentionIndex index, lemon.story.Gender sex) {
        return index.characters().stream()
                .filter(o -> isSpouse(o) && o.gender() == sex)
                .count();
    }

    private static boolean isSpouse(StoryCharacter c) {
        if (c.isGroup()) return false;
        if (SPOUSES.contains(c.name().toLowerCase(Locale.ROOT))) return true;
        return c.aliases().stream().anyMatch(a -> SPOUSES.contains(a.toLowerCase(Locale.ROOT)));
    }

    /**
     * The animal a character is, in the singular ("duck" for "the duck", "turtle-dove" for "two
     * turtle-doves"), or the machine ("robot"), from its role or else its name; null for a person.
     */
    public static String animal(StoryCharacter c) {
        String role = c.role().toLowerCase(Locale.ROOT).strip();
        String[] words = (role.isEmpty() ? c.name().toLowerCase(Locale.ROOT) : role).split("\\s+");
        String beast = Lexicon.animalOf(words[words.length - 1]);
        if (beast != null || !c.evidence().containsKey(THING)) return beast;
        // "the three drops of blood replied": a thing the telling lets speak is painted as one of it ("a drop of
        // blood")
        int k = GroupPhrase.COUNTS.containsKey(words[0]) && words.length > 1 ? 1 : 0;
        String head = words[k];
        if (c.isGroup() && head.endsWith("s") && !head.endsWith("ss")) head = head.substring(0, head.length() - 1);
        List<String> thing = new ArrayList<>(List.of(head));
        thing.addAll(List.of(words).subList(k + 1, words.length));
        return String.join(" ", thing);
    }

    /** The evidence key of a thing the telling lets speak (its sentence), which is painted as the thing. */
    public static final String THING = "speaks as a thing";

    /** Whether the character is a machine ("the robot", "the ship's computer"): an "it" until told otherwise. */
    static boolean machine(StoryCharacter c) {
        String beast = animal(c);
        return beast != null && (Lexicon.MACHINES.contains(beast) || Lexicon.KEPT_MACHINES.contains(beast));
    }

    private static final Set<String> YOUNG_NOUNS = Set.of("boy", "girl", "lad", "lass", "youth", "maiden");

    /**
     * What the names the story calls the character by say: a station ("the prince", "the king's son", "Major Ashby")
     * and an age ("the old mother"), each with the first sentence that uses that name.
     */
    private static List<StoryCue> namesSay(StoryCharacter c, MentionIndex index) {
        List<StoryCue> out = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(c.name()));
        names.addAll(c.aliases());
        List<String> ages = new ArrayList<>();
        // "the little tailor", "the little old man": the other describing words of its names, by kind ("the poor bear"
        // is pitied, not poor: no station)
        Map<String, Map<String, String>> said = new java.util.TreeMap<>();
        for (String name : names) {
            String[] words = name.strip().split("\\s+");
            String sentence = firstUse(name, index);
            if (sentence == null) continue;
            for (int i = 0; i + 1 < words.length; i++) {
                String w = words[i].toLowerCase(Locale.ROOT);
                String kind = ADJECTIVE_KIND.get(w);
                if (kind != null && List.of("build", "looks", "skin").contains(kind))
                    said.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(w, sentence);
            }
            String first = words[0].toLowerCase(Locale.ROOT);
            if (words.length > 1 && STATION_TITLES.contains(first) && Character.isUpperCase(words[0].charAt(0))) {
                // "Detective Inspector Rhiannon Cole": every title of the name's, as written
                int t = 1;
                while (t < words.length - 1 && STATION_TITLES.contains(words[t].toLowerCase(Locale.ROOT))) t++;
                String station = t == 1
                        ? TITLES_IN_FULL.getOrDefault(first, first)
                        : String.join(" ", java.util.Arrays.asList(words).subList(0, t));
                out.add(new StoryCue("station", station, sentence));
                continue;
            }
            // a group named by what its members are: "the hundred horsemen" are horsemen, "the two children" children,
            // "his court" courtiers
            String single = c.members() == null ? null : oneOf(words[words.length - 1].toLowerCase(Locale.ROOT));
            if (single != null && single.equals("child")) out.add(new StoryCue("age", "children", sentence));
            else if (single != null && isStation(single)) out.add(new StoryCue("station", single, sentence));
            String lower = withoutAdjectives(name.toLowerCase(Locale.ROOT).replace('’', '\''));
            // "son of the king" says what "king's son" says
            java.util.regex.Matcher kinOf = KIN_OF.matcher(lower);
            if (kinOf.matches() && NOT_STATIONS.contains(kinOf.group(1)))
                lower = kinOf.group(2) + "'s " + kinOf.group(1);
            // a role the story names in lower case ("the prince"); a capitalised name is a name ("Duchess" the goat)
            if (!Character.isUpperCase(name.strip().charAt(0)) && (isStation(lower) || isRank(lower)))
                out.add(new StoryCue("station", lower, sentence));
            // but a title of a person noun "of the" something is what one is ("I am the Slave of the Ring")
            if (words.length > 2
                    && words[1].equals("of")
                    && Lexicon.isPersonNoun(first)
                    && Character.isUpperCase(name.strip().charAt(0)))
                out.add(new StoryCue("station", name.strip(), sentence));
            for (String w : words)
                if ("age".equals(ADJECTIVE_KIND.get(w.toLowerCase(Locale.ROOT)))) ages.add(w.toLowerCase(Locale.ROOT));
            // "a boy knocked … The boy said his name was Tariq": the plain noun a named one came in with says its age
            if (words.length == 1 && YOUNG_NOUNS.contains(first) && !name.equals(c.name()))
                out.add(new StoryCue("age", first, sentence));
            // "a beautiful child … The figure got up": one called a child is a child, whatever its sex
            if (words.length == 1 && first.equals("child")) out.add(new StoryCue("age", first, sentence));
        }
        // "the little tailor" and "the big tailor" for one character: its names say nothing of its build
        for (Map.Entry<String, Map<String, String>> kind : said.entrySet())
            if (kind.getValue().size() == 1)
                kind.getValue().forEach((w, sentence) -> out.add(new StoryCue(kind.getKey(), w, sentence)));
        // "the old king" and "the young king" for one character: its names say no age
        if (!ages.isEmpty() && ages.stream().distinct().count() == 1)
            out.add(new StoryCue(
                    "age",
                    ages.get(0),
                    firstUse(
                            names.stream()
                                    .filter(n -> n.toLowerCase(Locale.ROOT).contains(ages.get(0)))
                                    .findFirst()
                                    .orElseThrow(),
                            index)));
        return out;
    }

    /**
     * "the son of Mustapha the tailor": a station noun after a name says what it is, unless that noun names someone
     * else of the story ("told Ali Baba the captain was near" is about the captain).
     */
    private static void epithet(
            List<WordToken> ts, int end, List<StoryCharacter> chars, String sentence, List<StoryCue> out) {
        if (end + 1 >= ts.size()
                || !ts.get(end).lower().equals("the")
                || ts.get(end + 1).capitalised()
                || !isStation(ts.get(end + 1).lower())) return;
        String noun = ts.get(end + 1).lower();
        for (StoryCharacter o : chars) {
            List<String> names = new ArrayList<>(o.aliases());
            names.add(o.name());
            if (o.role() != null) names.add(o.role());
            for (String n : names)
                if (List.of(n.toLowerCase(Locale.ROOT).split("[\\s']+")).contains(noun)) return;
        }
        out.add(new StoryCue("station", noun, sentence));
    }

    private static final java.util.regex.Pattern KIN_OF = java.util.regex.Pattern.compile("(\\p{L}+) of the (\\p{L}+)");

    /** "valiant little tailor" → "tailor", "thirteenth fairy" → "fairy": the noun a name's adjectives describe. */
    private static String withoutAdjectives(String name) {
        String[] words = name.split(" ");
        int i = 0;
        while (i < words.length - 1
                && (Lexicon.ADJECTIVES.contains(words[i])
                        || Lexicon.DISTINGUISHING.contains(words[i])
                        || ADJECTIVE_KIND.containsKey(words[i])
                        || DESCRIBING.contains(words[i])
                        || Lexicon.shapedLikeAdjective(words[i]))) i++;
        return String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
    }

    /**
     * "her hair, which was of pure gold", "her hair, that glittered like gold": bare hair or a beard whose colour the
     * next clause gives, as one phrase; else null.
     */
    private static Phrase colouredAfter(List<WordToken> ts, int k) {
        if (k + 3 >= ts.size()) return null;
        String head = ts.get(k).lower();
        if (!HAIR.contains(head) && !BEARD.contains(head)) return null;
        if (!ts.get(k + 1).text().equals(",")
                || !List.of("which", "that").contains(ts.get(k + 2).lower())) return null;
        List<String> words = new ArrayList<>();
        boolean coloured = false;
        int i = k + 3;
        for (; i < ts.size() && i < k + 9 && ts.get(i).isWord(); i++) {
            String w = ts.get(i).lower();
            words.add(w);
            coloured |= COAT_COLOURS.contains(w) || w.equals("gold");
        }
        if (!coloured) return null;
        // "hair of pure gold"; "hair that glittered like gold"
        String said = List.of("was", "is", "were").contains(words.get(0))
                ? String.join(" ", words.subList(1, words.size()))
                : ts.get(k + 2).lower() + " " + String.join(" ", words);
        return new Phrase(head + " " + said, head, i);
    }

    /**
     * "her cheeks were carnation, and her lips were coral", "his beard was white": a body word and the one word a
     * copula says of it, as "coral lips"; else null.
     */
    private static Phrase bodyIs(List<WordToken> ts, int k) {
        if (k + 2 >= ts.size()) return null;
        String head = ts.get(k).lower();
        if (!HAIR.contains(head) && !BEARD.contains(head) && !SKIN.contains(head)) return null;
        if (!List.of("was", "were", "is", "are").contains(ts.get(k + 1).lower())) return null;
        int w = k + 2;
        if (List.of("very", "so", "quite").contains(ts.get(w).lower())) w++;
        if (w >= ts.size() || !ts.get(w).isWord() || ts.get(w).capitalised()) return null;
        String said = ts.get(w).lower();
        // a state, not a look: "her hair was cut off", "his face was turned away", "was gone"
        boolean look = DESCRIBING.contains(said)
                || COAT_COLOURS.contains(said)
                || !(said.endsWith("ed")
                        || said.endsWith("ing")
                        || said.endsWith("ly")
                        || NOT_NOUNS.contains(said)
                        || DETERMINERS.contains(said)
                        || List.of("gone", "wet", "cut", "up", "down", "off", "in", "out")
                                .contains(said));
        boolean ends = w + 1 >= ts.size()
                || !ts.get(w + 1).isWord()
                || ts.get(w + 1).lower().equals("and");
        if (!look || !ends) return null;
        return new Phrase(said + " " + head, head, w + 1);
    }

    /** "the king's son", "a merchant's daughter": a child named by a parent's station is of that rank. */
    private static boolean isRank(String phrase) {
        int s = phrase.indexOf("'s ");
        if (s <= 0) return false;
        String owner = phrase.substring(phrase.lastIndexOf(' ', s - 1) + 1, s);
        return isStation(owner) && NOT_STATIONS.contains(phrase.substring(s + 3).strip());
    }

    /** The first sentence that uses a name, whole words, any case; null when none does. */
    private static String firstUse(String name, MentionIndex index) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "(?i)(?<![\\p{L}])" + java.util.regex.Pattern.quote(name).replace("'", "\\E['’]\\Q") + "(?![\\p{L}])");
        for (String sentence : index.sentences()) if (p.matcher(sentence).find()) return sentence;
        return null;
    }

    /** A word of looks, age, build, skin or station that describes ("old", "tall", "poor"), not a noun. */
    public static boolean isAdjective(String w) {
        return ADJECTIVE_KIND.containsKey(w);
    }

    /** An object cue that is a beast ridden ("a grey mule"). */
    private static boolean ridden(StoryCue q) {
        return q.kind().equals("object") && isRidden(q.value());
    }

    /** Whether a thing the story gives is a beast ridden ("a grey mule"): said as "riding a grey mule". */
    public static boolean isRidden(String object) {
        String[] words = object.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return MOUNTS.contains(words[words.length - 1]);
    }

    private static void add(Map<String, List<StoryCue>> byKind, StoryCue cue) {
        List<StoryCue> list = byKind.computeIfAbsent(cue.kind(), k -> new ArrayList<>());
        // a horse ridden is no thing in the hand: it takes none of the things' places, and one is enough
        long held = list.stream().filter(x -> !ridden(x)).count();
        if (ridden(cue) ? list.stream().anyMatch(StoryCues::ridden) : held >= PER_KIND) return;
        if (list.stream().anyMatch(x -> saysMore(bare(x.value()), bare(cue.value())))) return;
        list.add(cue);
    }

    /**
     * "battered guitar" of "guitar", "thirteenth fairy" of "fairy": the same thing said with more describing words
     * before it (not "magic books of a wonderful lamp", whose thing is the books).
     */
    private static boolean saysMore(String longer, String shorter) {
        if (longer.equals(shorter)) return true;
        if (!longer.endsWith(" " + shorter)) return false;
        String before = longer.substring(0, longer.length() - shorter.length());
        return !LINKING_WORD.matcher(before).find();
    }

    /** A word that joins a thing to another ("books of a lamp"): what comes after it is not what is described. */
    private static final java.util.regex.Pattern LINKING_WORD =
            java.util.regex.Pattern.compile("(?i)\\b(of|with|in|on|under|from|for|and|or)\\b");

    /** A cue's words without the article or possessive that opens them: "her father's coat" is "father's coat". */
    private static String bare(String value) {
        return value.replaceFirst("^(?i)(a|an|the|his|her|their|its) ", "");
    }

    /**
     * "the old cobbler", "a young slave girl named Morgiana", "Detective Inspector Rhiannon Cole", "the captain, an old
     * sailor named Merritt", "Her grandmother, Nonna Vee, …": titles, adjectives and nouns before the mention.
     */
    private static void before(List<WordToken> ts, int start, int end, String sentence, List<StoryCue> out) {
        // "went to the king his father": what stands before "his father" is someone else
        if (List.of("his", "her", "their").contains(ts.get(start).lower())) return;
        // "a peasant woman" named by its whole phrase: the words before "man" or "woman" say what she is
        if (List.of("man", "woman").contains(ts.get(end - 1).lower()))
            for (int q = start; q < end - 1 && ts.get(q).isWord() && !ts.get(q).capitalised(); q++)
                if (!describe(ts.get(q).lower(), sentence, out)) break;
        titles(ts, start, sentence, out);
        int j = start - 1;
        // "The youth's name was Curdken": the owner of the name is what the person is
        if (j >= 3
                && List.of("was", "is").contains(ts.get(j).lower())
                && ts.get(j - 1).lower().equals("name")
                && ts.get(j - 2).kind() == WordToken.Kind.POSSESSIVE
                && ts.get(j - 3).isWord()) describe(ts.get(j - 3).lower(), sentence, out);
        boolean named = j >= 0 && Lexicon.NAMING_VERBS.contains(ts.get(j).lower());
        int opens = -1; // the determiner of the noun phrase a naming verb follows
        if (named) {
            j--; // "… named Morgiana"
            // "an old man everyone called Paco", "a machine the crew called Dot": who calls it so is not what it is
            if (ts.get(j + 1).lower().equals("called")) j = NamedRoles.beforeCaller(ts, j);
            // "a lanky boy of nineteen called Josh": the age, then the noun
            if (j >= 2 && isAge(ts.get(j)) && ts.get(j - 1).lower().equals("of")) {
                out.add(new StoryCue("age", ts.get(j).lower() + " years old", sentence));
                j -= 2;
            }
            // "a salesman named Felix Brandt": the noun before "named" is what the person is, known to the lexicon
            // or not, when a determiner opens its phrase
            // "the boy was called Hansel": a verb or an adverb before "called" is no noun; the noun before "was" is
            if (j >= 1 && List.of("was", "is").contains(ts.get(j).lower()) && determinerBefore(ts, j - 1) >= 0)
                describe(ts.get(j - 1).lower(), sentence, out);
            int det = j >= 0
                            && (NOT_NOUNS.contains(ts.get(j).lower())
                                    || ts.get(j).lower().endsWith("ly"))
                    ? -1
                    : determinerBefore(ts, j);
            opens = det;
            // "a glassblower from the capital named Teodor": the place is not what he is, the noun before it is;
            // but "on the back of a grey donkey called Zahra" is the donkey's name
            String named1 = j >= 0 ? ts.get(j).lower() : "";
            if (det >= 2
                    && PLACE_PREPOSITIONS.contains(ts.get(det - 1).lower())
                    && !Lexicon.isPersonNoun(named1)
                    && !Lexicon.isAnimal(named1)) {
                appositionHead(ts, det - 2, sentence, out);
                return;
            }
            String w = j >= 0 ? ts.get(j).lower() : "";
            if (det >= 0 && kindlyGiant(ts, j)) out.add(new StoryCue("build", "giant", sentence));
            // "a Norwegian called Olsen", "a nervous young Vell named Tib": a people's name is no station
            // ("a spindly silver machine the crew called Dot" is no machine by trade)
            else if (det >= 0
                    && !describe(w, sentence, out)
                    && !Lexicon.ADJECTIVES.contains(w)
                    && !KINDS_OF_THING.contains(w)
                    && !ts.get(j).capitalised()) out.add(new StoryCue("station", w, sentence));
            if (det >= 0) j--;
        }
        int opening = commaRun(ts, j);
        if (opening >= 0) { // "a fat, jolly coachman": every describing word back to the determiner
            for (int q = j; q > opening; q--)
                if (ts.get(q).isWord()) describe(ts.get(q).lower(), sentence, out);
            j = opening;
        }
        for (; j >= 0 && ts.get(j).isWord() && !ts.get(j).capitalised(); j--) {
            String w = ts.get(j).lower();
            if (DETERMINERS.contains(w)) break;
            // "a poor woodcutter" is poor; "took poor Rapunzel into a desert", "the poor bear" are pitied
            if (w.equals("poor")) {
                int det = determinerBefore(ts, j);
                if (det < 0 || !List.of("a", "an").contains(ts.get(det).lower())) continue;
            }
            if (!describe(w, sentence, out)) break;
        }
        // "The diplomat, a man named Anselm Varga": the noun the apposition is said of (not a place's or a thing's
        // after a preposition: "in a town with a crooked bridge, a baker named Hollis")
        if (opens >= 2
                && A_OR_THE.contains(ts.get(opens).lower())
                && ts.get(opens - 1).text().equals(",")
                && openedOrAPerson(ts, opens - 2)) appositionHead(ts, opens - 2, sentence, out);
        // "Her grandmother, Nonna Vee, who …": a name set off by commas after the sentence's opening noun phrase
        if (!named
                && j >= 1
                && ts.get(j).text().equals(",")
                && end < ts.size()
                && ts.get(end).text().equals(",")) {
            if (determinerBefore(ts, j - 1) == 0) appositionHead(ts, j - 1, sentence, out);
        }
    }

    /**
     * "Sam Fell was a cheerful giant", "a cheerful giant named Hector Plum": a kindly giant of a man is big, no giant
     * of the tales.
     */
    private static boolean kindlyGiant(List<WordToken> ts, int k) {
        return k > 0
                && ts.get(k).lower().equals("giant")
                && (Lexicon.KINDLY.contains(ts.get(k - 1).lower()) || giantOfAMan(ts, k));
    }

    /** "Brannoch, a giant of a man": a big man, said as "a bear of a man" is. */
    static boolean giantOfAMan(List<WordToken> ts, int k) {
        return k + 3 < ts.size()
                && ts.get(k).lower().equals("giant")
                && ts.get(k + 1).lower().equals("of")
                && ts.get(k + 2).lower().equals("a")
                && List.of("man", "woman").contains(ts.get(k + 3).lower());
    }

    static final Set<String> A_OR_THE = Set.of("a", "an", "the");
    private static final Set<String> NOT_NOUNS = Set.of(
            "was",
            "were",
            "is",
            "are",
            "be",
            "been",
            "being",
            "am",
            "also",
            "then",
            "now",
            "still",
            "and",
            "or",
            "not",
            "commonly",
            "always",
            "often",
            "sometimes",
            "once",
            "later",
            "therefore",
            "thus",
            "rightly",
            "so");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("from", "of", "in", "at", "near");

    /**
     * The determiner that opens a run of describing words with a comma among them, ending at k ("a fat, jolly"), or
     * -1: a list ("the king, the queen") or a clause is no such run.
     */
    private static int commaRun(List<WordToken> ts, int k) {
        boolean comma = false;
        for (int d = k; d >= Math.max(0, k - 6); d--) {
            WordToken t = ts.get(d);
            if (t.text().equals(",")) {
                if (d == k) return -1;
                comma = true;
                continue;
            }
            if (!t.isWord() || (t.capitalised() && !t.initial()) || CLAUSE_WORDS.contains(t.lower())) return -1;
            if (DETERMINERS.contains(t.lower())) return comma && d < k ? d : -1;
            if (Lexicon.isPersonNoun(t.lower())) return -1;
        }
        return -1;
    }

    /** The index of the determiner that opens the noun phrase ending at word k (adjectives between), or -1. */
    private static int determinerBefore(List<WordToken> ts, int k) {
        if (k < 0 || !ts.get(k).isWord() || DETERMINERS.contains(ts.get(k).lower())) return -1;
        for (int d = k - 1; d >= Math.max(0, k - 4); d--) {
            WordToken t = ts.get(d);
            if (!t.isWord()) return -1;
            if (DETERMINERS.contains(t.lower())) return d;
            if (t.capitalised() && !t.initial()) return -1;
        }
        return -1;
    }

    /**
     * Whether the noun phrase headed at {@code k} opens its clause or names a person: one after a verb or a preposition
     * is a place or a thing.
     */
    private static boolean openedOrAPerson(List<WordToken> ts, int k) {
        int d = determinerBefore(ts, k);
        return Lexicon.isPersonNoun(ts.get(k).lower())
                || d == 0
                || d > 0 && !ts.get(d - 1).isWord();
    }

    /** The head noun of a noun phrase said of the character ("the diplomat", "their father"): its station or sex. */
    private static void appositionHead(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        if (determinerBefore(ts, k) < 0) return;
        String w = ts.get(k).lower();
        if (w.endsWith("s") && !Lexicon.isPersonNoun(w)) return; // "two brothers, one named Cassim": a plural
        if (describe(w, sentence, out) || Lexicon.ADJECTIVES.contains(w) || ADJECTIVE_KIND.containsKey(w)) return;
        out.add(new StoryCue("station", w, sentence));
    }

    /** Titles of office or rank that head a name ("Detective Inspector", "Major", "Doctor"). */
    static final Set<String> STATION_TITLES = Set.of(
            "sheriff",
            "marshal",
            "coach",
            "detective",
            "inspector",
            "sergeant",
            "constable",
            "officer",
            "major",
            "colonel",
            "general",
            "lieutenant",
            "captain",
            "admiral",
            "commander",
            "doctor",
            "dr",
            "professor",
            "judge",
            "mayor",
            "king",
            "queen",
            "prince",
            "princess",
            "duke",
            "duchess",
            "count",
            "countess",
            "baron",
            "baroness",
            "sultan",
            "emperor",
            "empress",
            "caliph",
            "vizier",
            "bishop",
            "abbot",
            "abbess");

    /** A title's short form as its station reads in full: Dr Lin is "every inch the doctor", not "the Dr". */
    private static final Map<String, String> TITLES_IN_FULL = Map.of("dr", "doctor");

    /** "Detective Inspector Rhiannon Cole": capitalised titles of office just before a name. */
    private static void titles(List<WordToken> ts, int start, String sentence, List<StoryCue> out) {
        List<String> said = new ArrayList<>();
        for (int j = start - 1; j >= Math.max(0, start - 4) && ts.get(j).capitalised(); j--) {
            if (STATION_TITLES.contains(ts.get(j).lower()))
                said.add(
                        0,
                        TITLES_IN_FULL.getOrDefault(ts.get(j).lower(), ts.get(j).text()));
            else if (!said.isEmpty()) break;
        }
        if (!said.isEmpty()) out.add(new StoryCue("station", String.join(" ", said), sentence));
    }

    /**
     * "a black bear", "a big white duck": an animal's colour, given as "black hair" (the hair of the person a
     * model that paints only people paints it as; the describer writes it back as the animal's colour), and the
     * size or age words beside it, which a colour word stops the mention's own reading from reaching.
     */
    private static void coat(List<WordToken> ts, int start, String sentence, List<StoryCue> out) {
        boolean coloured = false;
        for (int j = start - 1; j >= Math.max(0, start - 3) && ts.get(j).isWord(); j--) {
            String w = ts.get(j).lower();
            if (DETERMINERS.contains(w)) return;
            if (!coloured && COAT_COLOURS.contains(w)) {
                out.add(new StoryCue("hair", w + " hair", sentence));
                coloured = true;
            } else if (!describe(w, sentence, out)) return;
        }
    }

    /**
     * "a bear, who poked his thick black head through the door", "beat the snow out of his fur": a beast's own fur
     * (feathers), and a head's or back's colour as the colour of its fur (the his, her or its at m).
     */
    private static void ownCoat(
            List<WordToken> ts, MentionIndex.Mention m, String beast, String sentence, List<StoryCue> out) {
        if (!List.of("his", "her", "its").contains(ts.get(m.start()).lower())) return;
        List<String> words = new ArrayList<>();
        int k = m.end();
        while (k < ts.size()
                && words.size() < 3
                && (COAT_COLOURS.contains(ts.get(k).lower())
                        || FUR_LOOKS.contains(ts.get(k).lower())))
            words.add(ts.get(k++).lower());
        if (k >= ts.size()) return;
        String head = ts.get(k).lower();
        boolean coloured = words.stream().anyMatch(COAT_COLOURS::contains);
        if (FUR.contains(head)) words.add(head);
        else if (List.of("head", "back", "body").contains(head) && coloured)
            words.add(Lexicon.isBird(beast) ? "feathers" : "fur");
        else return;
        out.add(new StoryCue("hair", String.join(" ", words), sentence));
    }

    private static final Set<String> FUR = Set.of("fur", "mane", "feathers", "plumage", "pelt", "fleece", "wool");
    private static final Set<String> FUR_LOOKS =
            Set.of("thick", "shaggy", "soft", "rough", "sleek", "long", "short", "glossy", "matted", "bushy");

    /** Whether a word is a colour something may be painted in ("snow-white"). */
    static boolean isColour(String word) {
        return COAT_COLOURS.contains(word);
    }

    private static final Set<String> COAT_COLOURS = Set.of(
            "black",
            "white",
            "brown",
            "grey",
            "gray",
            "red",
            "golden",
            "yellow",
            "silver",
            "snow-white",
            "green",
            "blue");

    /** Words of degree before a describing word: "very thin". */
    private static final Set<String> DEGREES = Set.of("very", "so", "quite", "rather");

    private static final Set<String> COPULAS =
            Set.of("was", "is", "looked", "seemed", "remained", "became", "grew", "stayed", "been");

    /** "I will wear my red velvet suit," said the eldest: what a speaker calls "my" is the speaker's. */
    private static void spoken(List<WordToken> ts, String sentence, List<StoryCue> out) {
        for (int k = 0; k + 1 < ts.size(); k++) {
            if (!ts.get(k).quoted()) continue;
            // "I am a king's son", "Old as I am": what the speaker says of itself
            if (ts.get(k).lower().equals("i") && ts.get(k + 1).lower().equals("am")) {
                if (k >= 2
                        && ts.get(k - 1).lower().equals("as")
                        && ADJECTIVE_KIND.containsKey(ts.get(k - 2).lower()))
                    describe(ts.get(k - 2).lower(), sentence, out);
                int q = k + 2;
                if (q < ts.size() && A_OR_THE.contains(ts.get(q).lower())) {
                    for (q++; q < ts.size() && q < k + 7 && ts.get(q).quoted(); q++) {
                        if (ts.get(q).kind() == WordToken.Kind.POSSESSIVE) continue;
                        if (!ts.get(q).isWord()) break;
                        String w = ts.get(q).lower();
                        // "a king's son" is of the king's rank
                        if (q + 2 < ts.size()
                                && ts.get(q + 1).kind() == WordToken.Kind.POSSESSIVE
                                && isRank(w + "'s " + ts.get(q + 2).lower())) {
                            out.add(new StoryCue(
                                    "station", w + "'s " + ts.get(q + 2).lower(), sentence));
                            break;
                        }
                        describe(w, sentence, out);
                        if (Lexicon.isPersonNoun(w)) break;
                    }
                }
            }
            if (!ts.get(k).lower().equals("my")) continue;
            for (Phrase p : phrases(ts, k + 1))
                if (isThing(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
        }
    }

    /**
     * "the Princess began to feel very thirsty, and said to her waiting-maid: 'fetch me some water in my golden
     * cup'": the quote a named subject goes on to say with "and said" (to whom it is said may be named), when no one
     * else is named before it; null otherwise.
     */
    private static List<WordToken> saysNext(
            List<WordToken> ts, MentionIndex.Mention m, List<MentionIndex.Mention> mentions) {
        if (afterAPreposition(ts, m.start()) || afterAVerb(ts, m.start())) return null;
        int open = m.end();
        while (open < ts.size() && !ts.get(open).quoted()) open++;
        if (open == ts.size()) return null;
        int verb = -1;
        for (int j = m.end() + 1; j < open; j++)
            if (Lexicon.SPEECH_VERBS.contains(ts.get(j).lower())
                    && List.of("and", ",").contains(ts.get(j - 1).lower())) verb = j;
        if (verb < 0) return null;
        // someone else named between them speaks, unless it is whom the words are said to
        for (MentionIndex.Mention o : mentions)
            if (o.start() >= m.end()
                    && o.start() < open
                    && !o.characterId().equals(m.characterId())
                    && !(o.start() > verb && saidTo(ts, verb, o.start()))) return null;
        int close = open;
        while (close < ts.size() && ts.get(close).quoted()) close++;
        return ts.subList(open, close);
    }

    /** A sentence's words up to where the quote it began in closes, all read as quoted. */
    private static List<WordToken> stillQuoted(List<WordToken> ts) {
        List<WordToken> out = new ArrayList<>();
        for (WordToken t : ts) {
            if (t.kind() == WordToken.Kind.QUOTE_CLOSE) break;
            out.add(t.withQuoted(true));
        }
        return out;
    }

    /**
     * "Ah! dear Miss Charlotte, do lend me your yellow suit of clothes": what a speaker calls "your" after
     * addressing someone by name is theirs (the name set off by a comma or "!" inside the quote).
     */
    private static void addressed(List<WordToken> ts, MentionIndex.Mention m, String sentence, List<StoryCue> out) {
        if (!ts.get(m.start()).quoted() || m.end() >= ts.size()) return;
        if (!List.of(",", "!").contains(ts.get(m.end()).text())) return;
        int before = m.start() - 1;
        while (before >= 0
                && List.of("dear", "o", "oh", "my", "good")
                        .contains(ts.get(before).lower())) before--;
        if (before >= 0 && ts.get(before).quoted() && ts.get(before).isWord()) return; // "I saw Miss Charlotte, and"
        for (int k = m.end() + 1; k + 1 < ts.size() && ts.get(k).quoted(); k++) {
            if (!ts.get(k).lower().equals("your")) continue;
            for (Phrase p : phrases(ts, k + 1))
                if (isThing(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
            return;
        }
    }

    /**
     * "'Go down,' said the magician; … 'Tuck up your gown and go through them'": what a speech calls "your" is the
     * one it is said to (as the mention index tells it), a garment, a thing or a beast to ride.
     */
    private static List<StoryCue> spokenTo(StoryCharacter c, MentionIndex index) {
        List<StoryCue> out = new ArrayList<>();
        for (int s = 0; s < index.sentences().size(); s++) {
            if (!c.id().equals(index.addresseeOf(s))) continue;
            List<WordToken> ts = index.tokens().get(s);
            boolean middle = !WordTokenizer.hasQuoteMark(ts); // a speech's middle sentence, quoted all through
            for (int k = 0; k + 1 < ts.size(); k++) {
                if (!(middle || ts.get(k).quoted()) || !ts.get(k).lower().equals("your")) continue;
                String sentence = index.sentences().get(s);
                String next = ts.get(k + 1).lower();
                if (MOUNTS.contains(next)) out.add(new StoryCue("object", article(next) + " " + next, sentence));
                else
                    for (Phrase p : phrases(ts, k + 1))
                        if (isThing(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
            }
        }
        return out;
    }

    /** "'She's my slave and my housekeeper,' he said": the stations a speaker gives the he or she spoken of. */
    private static void saidToBe(List<WordToken> ts, MentionIndex.Mention m, String sentence, List<StoryCue> out) {
        if (!ts.get(m.start()).quoted()
                || !List.of("he", "she").contains(ts.get(m.start()).lower())) return;
        int k = m.end();
        if (k >= ts.size() || !(ts.get(k).lower().equals("is") || ts.get(k).kind() == WordToken.Kind.POSSESSIVE))
            return;
        k++;
        while (k + 1 < ts.size() && ts.get(k).quoted()) {
            if (List.of("my", "a", "an", "our", "your").contains(ts.get(k).lower())) k++;
            String noun = ts.get(k).lower();
            if (!isStation(noun)) return;
            out.add(new StoryCue("station", noun, sentence));
            k++;
            if (k + 1 >= ts.size() || !ts.get(k).lower().equals("and")) return;
            k++;
        }
    }

    /**
     * "if he was not the son of Mustapha the tailor", "she was the daughter of a poor miller": whose child someone is,
     * named with what that one is, tells their station.
     */
    private static void childOf(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        int k = end;
        if (k >= ts.size() || !List.of("was", "is").contains(ts.get(k).lower())) return;
        k++;
        if (k < ts.size() && ts.get(k).lower().equals("not")) k++;
        if (k + 3 >= ts.size()
                || !A_OR_THE.contains(ts.get(k).lower())
                || !List.of("son", "daughter", "child").contains(ts.get(k + 1).lower())
                || !ts.get(k + 2).lower().equals("of")) return;
        int to = k + 3;
        while (to < ts.size() && ts.get(to).isWord() && to - k < 9) to++;
        // a station word must close the phrase: "Mustapha the tailor", "a poor miller", not "of the house"
        if (to == k + 3 || !isStation(ts.get(to - 1).lower())) return;
        out.add(new StoryCue("station", CharacterFinder.joinText(ts, k + 1, to), sentence));
    }

    /** "she was of the race of the Ogres", "he was of the family of the Barmecides": the kin someone is born to. */
    private static void ofTheRace(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        int k = end;
        if (k + 5 >= ts.size()
                || !List.of("was", "is").contains(ts.get(k).lower())
                || !ts.get(k + 1).lower().equals("of")
                || !ts.get(k + 2).lower().equals("the")
                || !LINEAGES.contains(ts.get(k + 3).lower())
                || !ts.get(k + 4).lower().equals("of")) return;
        int to = k + 5;
        if (ts.get(to).lower().equals("the")) to++;
        if (to >= ts.size() || !ts.get(to).isWord() || !ts.get(to).capitalised()) return;
        while (to < ts.size() && ts.get(to).isWord() && ts.get(to).capitalised()) to++;
        out.add(new StoryCue("station", CharacterFinder.joinText(ts, k + 1, to), sentence));
    }

    private static final Set<String> LINEAGES = Set.of("race", "family", "house", "line", "blood", "tribe", "kin");

    /** "He was made captain of the Sultan's armies", "was crowned king": the station someone is raised to. */
    private static void madeInto(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        int k = end;
        if (k + 1 < ts.size()
                && List.of("had", "has").contains(ts.get(k).lower())
                && ts.get(k + 1).lower().equals("been")) k += 2;
        else if (k < ts.size() && List.of("was", "is").contains(ts.get(k).lower())) k++;
        else return;
        if (k >= ts.size()
                || !List.of("made", "appointed", "crowned").contains(ts.get(k).lower())) return;
        k++;
        if (k < ts.size() && A_OR_THE.contains(ts.get(k).lower())) k++;
        if (k >= ts.size() || !Lexicon.isPersonNoun(ts.get(k).lower())) return;
        int stop = k + 1;
        // "captain of the Sultan's armies": an "of" and what it governs, up to the clause's end
        if (stop + 1 < ts.size() && ts.get(stop).lower().equals("of")) {
            stop++;
            while (stop < ts.size()
                    && stop < k + 7
                    && (ts.get(stop).isWord() || ts.get(stop).kind() == WordToken.Kind.POSSESSIVE)
                    && !CLAUSE_WORDS.contains(ts.get(stop).lower())) stop++;
        }
        StringBuilder text = new StringBuilder();
        for (int j = k; j < stop; j++) {
            if (ts.get(j).kind() != WordToken.Kind.POSSESSIVE && text.length() > 0) text.append(' ');
            text.append(ts.get(j).text());
        }
        out.add(new StoryCue("station", text.toString(), sentence));
    }

    /**
     * "he saw on a table a sword and a loaf of bread, which he also took": the things a relative clause's subject
     * takes are those the clause hangs on.
     */
    private static void takenBack(List<WordToken> ts, MentionIndex.Mention m, String sentence, List<StoryCue> out) {
        int which = m.start() - 1;
        if (which < 1 || !List.of("which", "that").contains(ts.get(which).lower())) return;
        int verb = m.end();
        while (verb < ts.size()
                && List.of("also", "then", "quickly", "gladly")
                        .contains(ts.get(verb).lower())) verb++;
        if (verb >= ts.size() || !CARRY.contains(ts.get(verb).lower())) return;
        int until = ts.get(which - 1).text().equals(",") ? which - 1 : which;
        for (int d = Math.max(0, until - 10); d < until; d++) {
            if (!DETERMINERS.contains(ts.get(d).lower())) continue;
            List<Phrase> said = phrases(ts, d);
            if (said.isEmpty() || said.get(said.size() - 1).end() > until) continue;
            List<Phrase> things = said.stream().filter(p -> isThing(p.head)).toList();
            if (things.isEmpty()) continue;
            for (Phrase p : things) out.add(new StoryCue("object", p.text, sentence));
            return;
        }
    }

    /** "said to her waiting-maid": a mention at {@code at} is whom the speech verb at {@code verb} is said to. */
    private static boolean saidTo(List<WordToken> ts, int verb, int at) {
        if (verb + 1 >= ts.size() || !ts.get(verb + 1).lower().equals("to")) return false;
        for (int j = verb + 2; j < at; j++)
            if (!DETERMINERS.contains(ts.get(j).lower())
                    && !Lexicon.ADJECTIVES.contains(ts.get(j).lower())
                    && ts.get(j).kind() != WordToken.Kind.POSSESSIVE) return false;
        return true;
    }

    /** "they … said", "said they": the sentence's quote is the group's own words. */
    private static boolean theySay(List<WordToken> ts) {
        for (int k = 0; k < ts.size(); k++) {
            if (ts.get(k).quoted() || !ts.get(k).lower().equals("they")) continue;
            if (k > 0 && Lexicon.SPEECH_VERBS.contains(ts.get(k - 1).lower())) return true;
            for (int j = k + 1; j < Math.min(ts.size(), k + 10) && !ts.get(j).quoted(); j++)
                if (Lexicon.SPEECH_VERBS.contains(ts.get(j).lower())) return true;
        }
        return false;
    }

    /**
     * A group's own things: "they drew their sabres" in a sentence that names the group or follows one that does, when
     * no other group is named there (plural pronouns are not resolved by the mention index).
     */
    private static List<StoryCue> theirs(StoryCharacter group, MentionIndex index) {
        List<StoryCue> out = new ArrayList<>();
        // the group or one of its members ("said the youngest") named; another group named
        Set<String> ours = new java.util.HashSet<>(List.of(group.id()));
        Set<String> otherGroups = new java.util.HashSet<>();
        for (StoryCharacter o : index.characters()) {
            if (group.id().equals(o.memberOf())) ours.add(o.id());
            if (o.members() != null && !o.id().equals(group.id())) otherGroups.add(o.id());
        }
        java.util.function.IntPredicate names =
                s -> index.mentions(s).stream().anyMatch(m -> m.explicit() && ours.contains(m.characterId()));
        java.util.function.IntPredicate otherGroup =
                s -> index.mentions(s).stream().anyMatch(m -> m.explicit() && otherGroups.contains(m.characterId()));
        // the group stays in play past a sentence that names it into one that calls it "they" or "them": "the
        // eighty slaves arrived … Aladdin made them set out to the palace … They were so richly dressed, with such
        // splendid jewels in their girdles"
        boolean inPlay = false;
        for (int s = 0; s < index.sentences().size(); s++) {
            boolean before = inPlay
                    && !otherGroup.test(s - 1)
                    && (names.test(s - 1) || theyOrThem(index.tokens().get(s - 1)));
            inPlay = names.test(s) || before;
            if (!inPlay || otherGroup.test(s)) continue;
            List<WordToken> ts = index.tokens().get(s);
            theyWere(ts, 0, index.sentences().get(s), out);
            // "The brothers were loud young men who owed money": the group named as the sentence opens
            for (MentionIndex.Mention m : index.mentions(s))
                if (m.explicit()
                        && m.characterId().equals(group.id())
                        && ts.subList(0, m.start()).stream()
                                .allMatch(t -> List.of("the", "these", "those").contains(t.lower())))
                    theyWere(ts, m.end() - 1, index.sentences().get(s), out);
            for (int k = 0; k < ts.size(); k++)
                if (ts.get(k).lower().equals("they"))
                    carriedBefore(ts, k, index.sentences().get(s), out);
            boolean theySay = theySay(ts);
            for (int k = 0; k + 1 < ts.size(); k++) {
                // "so they called her up, and said, 'Now, comb our hair, brush our shoes, and tie our sashes'"
                boolean spoken =
                        theySay && ts.get(k).quoted() && ts.get(k).lower().equals("our");
                if (!spoken && (ts.get(k).quoted() || !ts.get(k).lower().equals("their"))) continue;
                // "with their round rosy cheeks": their looks as well as their things; of "our", the one phrase ("brush
                // our shoes, and tie our sashes": "tie" is no garment)
                String limbs = spoken ? null : limbs(ts, k + 1);
                if (limbs != null)
                    out.add(new StoryCue("build", limbs, index.sentences().get(s)));
                Phrase one = spoken ? phrase(ts, k + 1) : null;
                for (Phrase p : spoken ? (one == null ? List.<Phrase>of() : List.of(one)) : phrases(ts, k + 1))
                    if (known(p.head))
                        out.add(new StoryCue(
                                kindOf(p.head), p.text, index.sentences().get(s)));
            }
        }
        return out;
    }

    /**
     * "the basins of gold they carried on their heads", "a powder he had about him": a thing named before the one who
     * carries it (the he, she or they at k), the carrying verb with no object of its own.
     */
    private static void carriedBefore(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        if (k < 2 || k + 1 >= ts.size() || ts.get(k).quoted()) return;
        String verb = ts.get(k + 1).lower();
        int after = k + 2;
        if (verb.equals("had")
                && k + 3 < ts.size()
                && List.of("about", "with").contains(ts.get(k + 2).lower())
                && List.of("him", "her", "them").contains(ts.get(k + 3).lower())) after = k + 4;
        else if (!CARRY.contains(verb)) return;
        if (after < ts.size()
                && ts.get(after).isWord()
                && !WHERE.contains(ts.get(after).lower())) return;
        thingBefore(ts, k, sentence, out);
    }

    /** The thing named in the few words right before token {@code at}, opened by "a" or "the" ("the basins of gold"). */
    private static void thingBefore(List<WordToken> ts, int at, String sentence, List<StoryCue> out) {
        for (int det = at - 1; det >= 0 && det >= at - 5 && ts.get(det).isWord(); det--) {
            if (!A_OR_THE.contains(ts.get(det).lower())) continue;
            Phrase p = phrase(ts, det);
            // "a powder", "white pebbles" (not "the")
            int from = ts.get(det).lower().equals("the") ? det + 1 : det;
            if (p != null && OBJECTS.contains(p.head))
                out.add(new StoryCue("object", CharacterFinder.joinLower(ts, from, at), sentence));
            return;
        }
    }

    /**
     * "had always dropped one of the white pebbles out of his pocket": what comes out of someone's pocket (purse, bag)
     * was theirs; the his or her at k.
     */
    private static void outOfTheirs(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        if (k < 3 || k + 1 >= ts.size() || !CONTAINERS.contains(ts.get(k + 1).lower())) return;
        int from = ts.get(k - 1).lower().equals("from")
                ? k - 1
                : ts.get(k - 1).lower().equals("of") && ts.get(k - 2).lower().equals("out") ? k - 2 : -1;
        if (from >= 2) thingBefore(ts, from, sentence, out);
    }

    private static final Set<String> CONTAINERS = Set.of("pocket", "pockets", "purse", "bag", "pouch", "sleeve");

    private static boolean theyOrThem(List<WordToken> ts) {
        return ts.stream().anyMatch(t -> !t.quoted() && List.of("they", "them").contains(t.lower()));
    }

    /**
     * "They were big, freckled boys who had been held back a year": a group's looks and what its members are, said of
     * the "they" or the group's name at {@code at}.
     */
    private static void theyWere(List<WordToken> ts, int at, String sentence, List<StoryCue> out) {
        if (ts.size() < at + 4
                || ts.get(at).quoted()
                || at == 0 && !ts.get(0).lower().equals("they")
                || !List.of("were", "are").contains(ts.get(at + 1).lower())) return;
        for (int j = at + 2;
                j < Math.min(ts.size(), at + 10)
                        && (ts.get(j).isWord() || ts.get(j).text().equals(","));
                j++) {
            String singular = Lexicon.singularOfPlural(ts.get(j).lower());
            if (singular == null || !PERSON_WORDS.contains(singular)) continue;
            for (int d = at + 2; d < j; d++) describe(ts.get(d).lower(), sentence, out);
            if (Lexicon.genderOfHead(singular) != lemon.story.Gender.UNKNOWN)
                out.add(new StoryCue("gender", singular, sentence));
            return;
        }
    }

    /**
     * "twin daughters, Rosie and Ruth, who were seven": an age said of two names together is each one's, the first's
     * ("Rosie and Ruth, who were") and the second's ("Rosie and Ruth, who were").
     */
    private static void pairsAge(
            List<WordToken> ts,
            MentionIndex.Mention m,
            lemon.story.Gender gender,
            String sentence,
            List<StoryCue> out) {
        int k = m.end();
        if (k + 1 < ts.size()
                && ts.get(k).lower().equals("and")
                && ts.get(k + 1).capitalised()) k += 2;
        else if (m.start() < 2
                || !ts.get(m.start() - 1).lower().equals("and")
                || !ts.get(m.start() - 2).capitalised()) return;
        if (k + 3 < ts.size()
                && ts.get(k).text().equals(",")
                && ts.get(k + 1).lower().equals("who")
                && ts.get(k + 2).lower().equals("were")
                && bareAge(ts, k + 3)) out.add(new StoryCue("age", ts.get(k + 3).lower() + " years old", sentence));
        // "Kit and Nell were twelve, freckled and sunburnt": the age and the looks after it
        else if (k + 1 < ts.size() && ts.get(k).lower().equals("were") && bareAge(ts, k + 1))
            ageAndLooks(ts, k + 1, gender, sentence, out);
    }

    /** Words a sentence may open with before the stranger it brings in: "On Tuesday a tall woman …", "One day a man …". */
    private static final Set<String> OPENERS = Set.of("on", "one", "that", "at", "in", "then", "later", "next", "soon");

    /**
     * "His name was Duncan", "Her name was Agnes", "Her name badge says Mrs Pike": a sentence that names someone the
     * sentence before brought in.
     */
    private static boolean nameGivenAfter(List<WordToken> ts, int start) {
        return start == 3 && List.of("his", "her").contains(ts.get(0).lower()) && Lexicon.nameToldBefore(ts, 3)
                // "The youth's name was Curdken": a person noun's name
                || start == 5
                        && ts.get(0).lower().equals("the")
                        && Lexicon.isPersonNoun(ts.get(1).lower())
                        && ts.get(2).kind() == WordToken.Kind.POSSESSIVE
                        && Lexicon.nameToldBefore(ts, 5)
                || CopulaAliases.nameTold(ts, start) == 0;
    }

    /**
     * What a sentence says of the one it brings in by apposition ("the ambulance brought in a motorcyclist, a burly
     * man in a torn leather jacket"), for the name the next sentence gives.
     */
    private static void strangerBefore(
            List<WordToken> ts, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        // "On Tuesday a tall woman in a black coat came in … Her name was Vivian Sharpe": the sentence's subject
        if (personPhrase(ts, articleAfterOpener(ts), gender, sentence, out)) return;
        for (int d = 1; d < ts.size(); d++)
            if (List.of("a", "an").contains(ts.get(d).lower())
                    && ts.get(d - 1).text().equals(",")
                    && personNounWithin(ts, d + 1, 4)) {
                after(ts, d - 1, d - 1, gender, sentence, out);
                return;
            }
        // "so he said, 'I've a small boy who looks after the geese'. The youth's name was Curdken": the last one the
        // sentence brings in with "a", of the name's sex
        for (int d = ts.size() - 2; d > 0; d--)
            if (List.of("a", "an").contains(ts.get(d).lower()) && personPhrase(ts, d, gender, sentence, out)) return;
    }

    /**
     * "a tall woman in a black coat", "a short, wiry man in a yellow helmet": the describing words between the article
     * at {@code article} and a person noun a few words on (not one of the other sex), and what the noun goes on with;
     * false where no such noun follows.
     */
    private static boolean personPhrase(
            List<WordToken> ts, int article, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        int noun = article < 0 ? -1 : personNounAt(ts, article);
        if (noun < 0) return false;
        lemon.story.Gender sex = Lexicon.genderOfHead(ts.get(noun).lower());
        if (sex != lemon.story.Gender.UNKNOWN && gender != lemon.story.Gender.UNKNOWN && sex != gender) return false;
        for (int j = article + 1; j < noun; j++) describe(ts.get(j).lower(), sentence, out);
        with(ts, ofAnAge(ts, noun + 1, sentence, out), gender, sentence, out);
        return true;
    }

    /**
     * "The second was a young woman with a long blonde braid. She could hardly stand. 'This is Lena,' Pavel said": a
     * name someone introduces takes the looks of the unnamed one of its sex brought in a sentence or two before.
     */
    private static void introduced(
            MentionIndex index, int s, MentionIndex.Mention m, lemon.story.Gender gender, List<StoryCue> out) {
        List<WordToken> ts = index.tokens().get(s);
        int k = m.start();
        if (k < 2
                || !ts.get(k).quoted()
                || !ts.get(k - 2).lower().equals("this")
                || !ts.get(k - 1).lower().equals("is")
                || (k > 2 && ts.get(k - 3).quoted() && ts.get(k - 3).isWord())) return;
        for (int t = s - 1; t >= Math.max(0, s - 2); t--) {
            List<WordToken> before = index.tokens().get(t);
            // past a sentence between only when it goes on about the one brought in ("She could hardly stand")
            if (t < s - 1 && openingSex(index.tokens().get(s - 1)) == null) return;
            if (index.mentions(t).stream().anyMatch(MentionIndex.Mention::explicit)) continue;
            for (int a = 0; a < before.size(); a++) {
                if (!List.of("a", "an").contains(before.get(a).lower())
                        || before.get(a).quoted()) continue;
                int noun = personNounAt(before, a);
                // of the name's own known sex: a name whose sex the story leaves open takes no one's looks
                if (noun < 0
                        || !STRANGERS.contains(before.get(noun).lower())
                        || gender == lemon.story.Gender.UNKNOWN
                        || Lexicon.genderOfHead(before.get(noun).lower()) != gender) continue;
                personPhrase(before, a, gender, index.sentences().get(t), out);
                return;
            }
        }
    }

    /** The person noun the article at {@code article} opens, a few describing words or commas on; −1 where none. */
    private static int personNounAt(List<WordToken> ts, int article) {
        for (int noun = article + 1; noun < Math.min(ts.size(), article + 6); noun++) {
            if (PERSON_WORDS.contains(ts.get(noun).lower())) return noun;
            if (!ts.get(noun).isWord() && !ts.get(noun).text().equals(",")) return -1;
        }
        return -1;
    }

    /**
     * "The first was a short, wiry man in a yellow helmet who said his name was Pavel": where the article of the one
     * a relative clause right before the name at {@code start} names is; −1 where the name is not told so.
     */
    private static int namedByRelative(List<WordToken> ts, int start) {
        if (start < 5
                || !Lexicon.nameToldBefore(ts, start)
                || !List.of("his", "her").contains(ts.get(start - 3).lower())
                || !ts.get(start - 4).lower().equals("said")
                || !ts.get(start - 5).lower().equals("who")) return -1;
        for (int a = start - 6;
                a >= Math.max(0, start - 16)
                        && (ts.get(a).isWord() || ts.get(a).text().equals(","));
                a--) if (List.of("a", "an").contains(ts.get(a).lower()) && personNounAt(ts, a) > 0) return a;
        return -1;
    }

    /**
     * "On Tuesday a tall woman …", "One wet Thursday a young man …", "A stranger …": where the article of the subject a
     * sentence brings in is, after at most a word of when and what follows it (no verb in -ed); −1 where there is none.
     */
    private static int articleAfterOpener(List<WordToken> ts) {
        for (int d = 0; d < Math.min(ts.size(), 4); d++) {
            if (List.of("a", "an").contains(ts.get(d).lower())) return d;
            if (!ts.get(d).isWord()
                    || (d == 0
                            ? !OPENERS.contains(ts.get(d).lower())
                            : ts.get(d).lower().endsWith("ed"))) return -1;
        }
        return -1;
    }

    private static void yearsOld(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        if (end + 3 < ts.size()
                && List.of("was", "is").contains(ts.get(end).lower())
                && (Lexicon.NUMBERS.contains(ts.get(end + 1).lower())
                        || ts.get(end + 1).text().matches("\\d+"))
                && ts.get(end + 2).lower().equals("years")
                && ts.get(end + 3).lower().equals("old"))
            out.add(new StoryCue("age", ts.get(end + 1).lower() + " years old", sentence));
        // "He was about ten, soaked through": a bare number after "was" ends its clause ("was one of them" does not)
        else if (end + 2 < ts.size()
                && List.of("was", "is").contains(ts.get(end).lower())
                && List.of("about", "nearly", "almost", "barely", "only")
                        .contains(ts.get(end + 1).lower())
                && isAge(ts.get(end + 2))
                && (end + 3 >= ts.size() || !ts.get(end + 3).isWord()))
            out.add(new StoryCue("age", ts.get(end + 2).lower() + " years old", sentence));
        // "the winter I turned twelve", "The young Queen was turned of twenty", "she had turned sixteen"
        else {
            int k = end;
            if (k < ts.size() && List.of("was", "had", "has").contains(ts.get(k).lower())) k++;
            if (k < ts.size() && ts.get(k).lower().equals("turned")) k++;
            else return;
            if (k < ts.size() && ts.get(k).lower().equals("of")) k++;
            if (k < ts.size() && isAge(ts.get(k)))
                out.add(new StoryCue("age", ts.get(k).lower() + " years old", sentence));
        }
    }

    /** Number words an age is said in, in order ("turned twelve", not "turned all the pages"); one to nineteen first. */
    public static final List<String> AGE_NUMBERS = List.of(
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety");

    /** Whether a "not", "never" or "nobody" stands in the clause before the mention ending at {@code end}. */
    private static boolean negatedBefore(List<WordToken> ts, int end) {
        for (int k = end - 1; k >= 0; k--) {
            WordToken t = ts.get(k);
            if (!t.isWord() && !t.text().equals("'")) return false; // the clause starts after a comma or a quote
            if (List.of("not", "never", "nobody", "no", "n't").contains(t.lower())) return true;
        }
        return false;
    }

    /** ", whose name was Lina": the name at {@code start} told in a relative clause set off by a comma. */
    static boolean nameToldIn(List<WordToken> ts, int start) {
        return start >= 4
                && List.of("was", "is").contains(ts.get(start - 1).lower())
                && ts.get(start - 2).lower().equals("name")
                && ts.get(start - 3).lower().equals("whose")
                && ts.get(start - 4).text().equals(",");
    }

    /**
     * "a collector named Mrs. Vidal, tall and elegant, with a silver handbag": describing words set off by commas
     * after the name (at k), closed by a comma or the sentence's end, and what she has "with" after them. A list of
     * people, "Anna, Boris and Carl", has no describing word and says nothing.
     */
    private static void describedAfter(
            List<WordToken> ts, int k, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        List<StoryCue> said = new ArrayList<>();
        int j = k;
        for (; j < ts.size() && ts.get(j).isWord() && !ts.get(j).capitalised(); j++) {
            String w = ts.get(j).lower();
            // "elegant", which the lexicon does not know but is shaped like a describing word, is passed over
            // ("smiling and waving", "he found the enchantress" say what was done)
            if (j - k > 3) return;
            if (!w.equals("and")
                    && !describe(w, sentence, said)
                    && !Lexicon.shapedLikeAdjective(w)
                    && !(w.matches("[a-z]{3,}(ant|ent)") && !Lexicon.isPersonNoun(w))) return;
        }
        if (said.isEmpty()
                || j < ts.size()
                        && !List.of(",", ".", ";", "!").contains(ts.get(j).text())) return;
        out.addAll(said);
        if (j + 1 < ts.size() && ts.get(j).text().equals(",")) with(ts, j + 1, gender, sentence, out);
    }

    /** Prepositions that end what a copula says: what follows is where or at whom, not what someone is. */
    private static final Set<String> AFTER_A_VERB =
            Set.of("at", "on", "upon", "into", "towards", "toward", "from", "for", "after", "about", "round");

    /** "Abdallah, her fellow-slave", "Henrik was a tall man with a grey beard", "Morgiana, who was brave". */
    private static void after(
            List<WordToken> ts, int start, int end, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        int k = end;
        boolean apposition = false;
        if (k < ts.size() && ts.get(k).text().equals(",")) {
            k++;
            // "a boy called Callum Reid, fifteen years old and red-haired"
            if (k + 2 < ts.size()
                    && isAge(ts.get(k))
                    && ts.get(k + 1).lower().equals("years")
                    && ts.get(k + 2).lower().equals("old")) {
                out.add(new StoryCue("age", ts.get(k).lower() + " years old", sentence));
                k += 3;
                if (k + 1 < ts.size() && ts.get(k).lower().equals("and"))
                    describe(ts.get(k + 1).lower(), sentence, out);
                return;
            }
            if (k + 1 < ts.size() && List.of("who", "which").contains(ts.get(k).lower())) {
                // "a quiet young man named Tobias, who wore thick glasses and a striped apron"
                if (woreAfter(ts, k, sentence, out)) return;
                k++;
            }
            // "The eldest, Karim, was broad and strong": the name is the apposition, the copula its clause's (so in
            // "The younger, whose name was Lina, was small and quiet")
            else if (k < ts.size()
                    && COPULAS.contains(ts.get(k).lower())
                    && start > 0
                    && (ts.get(start - 1).text().equals(",") || nameToldIn(ts, start))) {
            } else if (k < ts.size() && !DETERMINERS.contains(ts.get(k).lower())) {
                describedAfter(ts, k, gender, sentence, out);
                return; // a list, not an apposition
            } else apposition = true;
            // "the clerk, his wife and maid": a kinsman after a possessive is the next one in a list
            if (k + 1 < ts.size()
                    && List.of("his", "her", "their").contains(ts.get(k).lower())
                    && NOT_STATIONS.contains(ts.get(k + 1).lower())) return;
        }
        while (k < ts.size()
                && List.of("still", "soon", "now").contains(ts.get(k).lower())) k++;
        // "Merritt, who had been a boxer": the perfect's "been" is the copula
        if (k + 1 < ts.size()
                && List.of("had", "has").contains(ts.get(k).lower())
                && ts.get(k + 1).lower().equals("been")) k++;
        if (k < ts.size() && COPULAS.contains(ts.get(k).lower())) {
            k++;
            // "Samuel was not a thief", "did not think Samuel was a thief": what someone is not
            if (k < ts.size()
                    && List.of("not", "never", "no").contains(ts.get(k).lower())) return;
            if (negatedBefore(ts, end)) return;
            // "was and remained a king", "was made a lord"
            if (k + 1 < ts.size()
                    && ts.get(k).lower().equals("and")
                    && COPULAS.contains(ts.get(k + 1).lower())) k += 2;
            else if (k < ts.size() && ts.get(k).lower().equals("made")) k++;
            if (k < ts.size() && ts.get(k).lower().equals("into")) k++; // "grew into the most beautiful child"
            // "Mei Lin, who was sixteen and knew everything": an age said bare
            if (bareAge(ts, k)) {
                ageAndLooks(ts, k, gender, sentence, out);
                return;
            }
        } else if (k == end) {
            // "a boy of nine with a broken arm", "the man with a grey beard"
            with(ts, ofAnAge(ts, k, sentence, out), gender, sentence, out);
            return;
        } else if (!apposition) {
            return; // "the Sultan, who ordered the executioner …": the clause says what he did, not what he is
        }
        while (k < ts.size()
                && List.of("very", "so", "quite", "rather", "both", "most")
                        .contains(ts.get(k).lower())) k++;
        boolean determined = k < ts.size() && DETERMINERS.contains(ts.get(k).lower());
        if (determined) k++;
        // the noun phrase said of the character, up to its person noun: "a young fisher girl", "a tall man" (not where
        // it is or with whom: "was with the king", "was on the bridge")
        boolean placed = !apposition
                && !determined
                && k < ts.size()
                && List.of("with", "on", "in", "at", "beside", "near", "by", "behind", "under", "inside")
                        .contains(ts.get(k).lower());
        int stop = placed ? k : Math.min(ts.size(), k + 5);
        List<StoryCue> said = new ArrayList<>();
        boolean traded = false;
        int first = k;
        for (; k < stop && (!ts.get(k).capitalised() || nationality(ts.get(k))); k++) {
            // "a red-haired Irishman", "a tall Nigerian cook": the nation says no more than the noun after it
            if (ts.get(k).capitalised()) {
                lemon.story.Gender sex = sexOfAPeople(ts.get(k).lower());
                if (sex != lemon.story.Gender.UNKNOWN) {
                    said.add(new StoryCue("gender", sex == lemon.story.Gender.FEMALE ? "woman" : "man", sentence));
                    k++;
                    break;
                }
                // "a silver-haired Italian of sixty-two with a neat goatee": the people's name is the noun
                boolean nounAfter = k + 1 < ts.size()
                        && ts.get(k + 1).isWord()
                        && !ts.get(k + 1).capitalised()
                        && Lexicon.isPersonNoun(ts.get(k + 1).lower());
                if (!nounAfter) {
                    k++;
                    break;
                }
                continue;
            }
            // "a careless, idle boy": a comma between two describing words
            if (determined
                    && ts.get(k).text().equals(",")
                    && k > 0
                    && ts.get(k - 1).isWord()
                    && !DETERMINERS.contains(ts.get(k - 1).lower())
                    && k + 1 < ts.size()
                    && ts.get(k + 1).isWord()
                    && !ts.get(k + 1).capitalised()
                    && !COPULAS.contains(ts.get(k + 1).lower())) { // "the choirmistress, was": the phrase ended
                stop = Math.min(ts.size(), stop + 1);
                continue;
            }
            if (!ts.get(k).isWord()) break;
            String w = ts.get(k).lower();
            // "was broad and strong": two describing words of a look
            // ("was quiet and thin": a first word of no look, bare, before one)
            if (w.equals("and")
                    && (!said.isEmpty() || (!determined && !placed && k == first + 1))
                    && k + 1 < stop
                    && isLooks(ts.get(k + 1).lower())) continue;
            // "old and very thin": a degree between them
            if (w.equals("and")
                    && !said.isEmpty()
                    && k + 2 < stop
                    && DEGREES.contains(ts.get(k + 1).lower())
                    && isLooks(ts.get(k + 2).lower())) {
                k++;
                continue;
            }
            if (CLAUSE_WORDS.contains(w)) break;
            // "looked contemptuously at the tailor" is not "looked a tailor"; "a round man" is round
            if (AFTER_A_VERB.contains(w) && !(determined && ADJECTIVE_KIND.containsKey(w))) break;
            // "Brannoc, a merchant's son": a child named by a parent's station is of that rank
            if (k + 2 < ts.size()
                    && ts.get(k + 1).kind() == WordToken.Kind.POSSESSIVE
                    && ts.get(k + 2).isWord()
                    && isRank(w + "'s " + ts.get(k + 2).lower())) {
                said.add(new StoryCue("station", w + "'s " + ts.get(k + 2).lower(), sentence));
                k += 3;
                break;
            }
            if (kindlyGiant(ts, k)) {
                said.add(new StoryCue("build", "giant", sentence));
                if (giantOfAMan(ts, k))
                    said.add(new StoryCue("gender", ts.get(k + 3).lower(), sentence));
                k += giantOfAMan(ts, k) ? 4 : 1;
                break;
            }
            boolean described = describe(w, sentence, said);
            // "Jaan Saar, the clockmaker on Pikk Street": a trade the lexicon does not know, said of the one named
            if (!described
                    && apposition
                    && determined
                    && (k + 1 >= ts.size()
                            || !ts.get(k + 1).isWord()
                            || AFTER_A_VERB.contains(ts.get(k + 1).lower())
                            || List.of("in", "of", "by").contains(ts.get(k + 1).lower()))
                    && !Lexicon.isPersonNoun(w)
                    && !Lexicon.isAnimal(w)
                    && Lexicon.shapedLikeTrade(w)) {
                said.add(new StoryCue("station", w, sentence));
                traded = true; // what follows may be where the trade is plied
                k++;
                break;
            }
            // "Ambassador Kesh-Ro, a tall grey creature with four arms": a being no person noun names ends it too
            if (Lexicon.isPersonNoun(w) || BEINGS.contains(w) || OFFICERS.contains(w)) {
                // "an elf archer": the second noun is what the first is
                boolean another = k + 2 < ts.size()
                        && ts.get(k + 1).isWord()
                        && !ts.get(k + 1).capitalised()
                        && (Lexicon.isPersonNoun(ts.get(k + 1).lower())
                                || ts.get(k + 2).text().equals(","));
                if (another) describe(ts.get(k + 1).lower(), sentence, said);
                k += another ? 2 : 1;
                break;
            }
        }
        // an apposition closes or goes on describing ("Abdallah, her fellow-slave, …", "Their captain, a tall man
        // with a hard face, …"); "his daughter, the king sent …" is the next clause
        // "Wren, a freckled girl of fourteen with soot on her cheeks": an age after "of" goes on describing
        boolean ofAnAge = isOfAnAge(ts, k);
        if (apposition
                && k < ts.size()
                && !ofAnAge
                && !traded
                && !List.of(",", ".", ";", ":", "!", "?", "with", "who", "whose", "in", "from")
                        .contains(ts.get(k).text().toLowerCase(java.util.Locale.ROOT))) return;
        out.addAll(said);
        k = ofAnAge(ts, k, sentence, out); // "a small, quick woman of forty with silver-rimmed glasses"
        // "a stout, grey-haired woman of sixty-five who wore rubber boots and a man's tweed cap"
        if (k < ts.size() && ts.get(k).lower().equals("who") && woreAfter(ts, k, sentence, out)) return;
        if (apposition) k = appositionGoesOn(ts, k, sentence, out);
        // "Mrs Agatha Bell, the choirmistress, was a tall, bony woman": the clause goes on past the apposition
        if (apposition
                && k + 1 < ts.size()
                && ts.get(k).text().equals(",")
                && COPULAS.contains(ts.get(k + 1).lower())) {
            after(ts, start, k + 1, gender, sentence, out);
            return;
        }
        // "He was the biggest man in the village, six foot six in his socks, with a ginger beard like a doormat": the
        // with-phrase that closes what he is said to be
        if (!apposition && k < ts.size() && !ts.get(k).lower().equals("with"))
            for (int j = k; j + 1 < ts.size() && j < k + 12; j++) {
                WordToken t = ts.get(j);
                if (t.quoted()
                        || List.of(";", ".", ":", "!", "?").contains(t.text())
                        || CLAUSE_WORDS.contains(t.lower())) break;
                if (t.text().equals(",") && ts.get(j + 1).lower().equals("with")) {
                    k = j + 1;
                    break;
                }
                // "He was a retired bus driver, tall and bald, who wore a flat cap": looks said after what he is
                if (t.text().equals(",") && j == k) lookList(ts, j + 1, sentence, out);
                // "He was the youngest officer aboard, a slim man with glasses": said again as a person
                // (but "was with the king, a man of forty" is the king's)
                if (t.text().equals(",")
                        && List.of("a", "an").contains(ts.get(j + 1).lower())
                        && personNounWithin(ts, j + 2, 4)
                        && !someoneElseBetween(ts, k, j)) {
                    after(ts, j, j, gender, sentence, out);
                    return;
                }
            }
        with(ts, k, gender, sentence, out);
    }

    /** "tall and bald," at k: a list of look words that ends at a comma or the sentence's end, each a cue. */
    private static boolean isLooks(String w) {
        return ADJECTIVE_KIND.containsKey(w) || looksWord(w);
    }

    private static void lookList(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        List<StoryCue> looks = new ArrayList<>();
        int j = k;
        for (; j < ts.size() && j < k + 8; j++) {
            String w = ts.get(j).lower();
            if (w.equals("and") && j > k) continue;
            // "He was enormous, bald as an egg, with …": looks after a comma, and a likeness after one of them
            if (w.equals(",")
                    && j > k
                    && j + 1 < ts.size()
                    && isLooks(ts.get(j + 1).lower())) continue;
            if (w.equals("as")
                    && j > k
                    && j + 2 < ts.size()
                    && List.of("a", "an").contains(ts.get(j + 1).lower())
                    && ts.get(j + 2).isWord()) {
                j += 2;
                continue;
            }
            if (!ts.get(j).isWord()) break;
            if (!isLooks(w)) return;
            describe(w, sentence, looks);
        }
        if (j > k
                && (j == ts.size() || List.of(",", ".", ";").contains(ts.get(j).text()))) out.addAll(looks);
    }

    /**
     * Where an apposition's with-phrase starts when more is said between: "Sefa, an elf archer, slender and silent,
     * with silver hair" (the looks among those words are cues too), "Brannoch, a giant of a man from the northern
     * hills, with a braided red beard"; {@code k} itself when no with-phrase follows so.
     */
    private static int appositionGoesOn(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        List<StoryCue> looks = new ArrayList<>();
        int j = k;
        if (j < ts.size() && ts.get(j).text().equals(",")) {
            j++;
            for (;
                    j < ts.size()
                            && j < k + 6
                            && ts.get(j).isWord()
                            && !ts.get(j).capitalised();
                    j++) {
                String w = ts.get(j).lower();
                if (w.equals("and")) continue;
                if (CLAUSE_WORDS.contains(w) || DETERMINERS.contains(w)) return k;
                if (ADJECTIVE_KIND.containsKey(w)) looks.add(new StoryCue(ADJECTIVE_KIND.get(w), w, sentence));
            }
        } else if (j < ts.size() && ts.get(j).lower().equals("from")) {
            for (j++; j < ts.size() && j < k + 6 && ts.get(j).isWord(); j++)
                if (CLAUSE_WORDS.contains(ts.get(j).lower())
                        || ts.get(j).lower().equals("with")) return k;
        } else return k;
        if (j + 1 < ts.size()
                && ts.get(j).text().equals(",")
                && ts.get(j + 1).lower().equals("with")) {
            out.addAll(looks);
            return j + 1;
        }
        return k;
    }

    /**
     * "Ernie Cobb opened his door in a string vest and carpet slippers": the clothes the subject does something in,
     * said after its verb before the clause ends or someone else is named.
     */
    private static void wornIn(
            List<WordToken> ts,
            MentionIndex.Mention m,
            List<MentionIndex.Mention> here,
            lemon.story.Gender gender,
            String sentence,
            List<StoryCue> out) {
        int from = m.end();
        // "The eldest, Victor, opened the door in a green dressing gown": past the name's closing comma
        if (from < ts.size()
                && ts.get(from).text().equals(",")
                && m.start() > 0
                && ts.get(m.start() - 1).text().equals(",")) from++;
        for (int k = from; k < Math.min(ts.size() - 2, from + 8); k++) {
            WordToken t = ts.get(k);
            if (!t.isWord() || CLAUSE_WORDS.contains(t.lower())) return;
            int at = k;
            if (here.stream().anyMatch(o -> o.start() == at && !o.characterId().equals(m.characterId()))) return;
            // "Tobias saw a small figure in a red hood": what is brought in there wears it ("He was a fat old man in a
            // white suit" is he)
            if (List.of("a", "an").contains(t.lower())
                    && !COPULAS.contains(ts.get(k - 1).lower())) return;
            if (t.lower().equals("in")
                    && List.of("a", "an").contains(ts.get(k + 1).lower())) {
                with(ts, k, gender, sentence, out);
                return;
            }
        }
    }

    /**
     * The sentences that go on about a stranger, each opening with the same "He" or "She" ("The stranger rode in on a
     * Tuesday. He was young, with a black hat pulled low. He called himself Jack Reno"), each with the stranger's
     * sentence.
     */
    private static Map<Integer, Integer> strangersSentences(MentionIndex index) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int t = 0; t + 1 < index.sentences().size(); t++) {
            if (!strangerOpens(index, t)) continue;
            String pronoun = openingSex(index.tokens().get(t + 1));
            for (int u = t + 1; pronoun != null && u < index.sentences().size() && u <= t + 3; u++) {
                if (!pronoun.equals(openingSex(index.tokens().get(u)))) break;
                out.put(u, t);
            }
        }
        return out;
    }

    /** "he" for a sentence opening with he, his or him, "she" for she or her, else null. */
    private static String openingSex(List<WordToken> ts) {
        if (ts.isEmpty()) return null;
        return switch (ts.get(0).lower()) {
            case "he", "his", "him" -> "he";
            case "she", "her" -> "she";
            default -> null;
        };
    }

    /**
     * The stranger's sentences that belong to the one a later sentence of theirs names: "He called himself Jack
     * Reno", "Her name was Agnes" (the name by someone else, "He asked for Tuck", names no stranger).
     */
    private static Set<Integer> namedStranger(MentionIndex index, StoryCharacter c, Map<Integer, Integer> strangers) {
        Set<Integer> out = new java.util.HashSet<>();
        for (int s = 1; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            boolean callsThemselves = ts.size() > 3
                    && List.of("he", "she").contains(ts.get(0).lower())
                    && Lexicon.NAMING_VERBS.contains(ts.get(1).lower())
                    && List.of("himself", "herself").contains(ts.get(2).lower());
            if (!callsThemselves && !nameGivenAfter(ts, 3)) continue;
            if (index.mentions(s).stream()
                    .noneMatch(m ->
                            m.explicit() && m.start() == 3 && m.characterId().equals(c.id()))) continue;
            Integer from = strangers.containsKey(s) ? strangers.get(s) : strangers.get(s - 1);
            if (from == null) continue;
            for (int u = from + 1; u <= s; u++)
                if (strangers.get(u) != null && strangers.get(u).equals(from)) out.add(u);
        }
        return out;
    }

    /**
     * "A man sits down at the other end of the bench. He is old and very thin, with a white moustache … 'My name is
     * Albert'": the sentences going on about an unnamed man or woman brought in before belong to the name that one of
     * the same sex gives as their own in speech (no one else of that sex named between; a name of no known sex takes
     * no one's).
     */
    private static Set<Integer> selfNamedStranger(
            MentionIndex index, StoryCharacter c, Map<String, lemon.story.Gender> sexes) {
        Set<Integer> out = new java.util.HashSet<>();
        if (c.gender() == lemon.story.Gender.UNKNOWN) return out;
        String pronoun = c.gender() == lemon.story.Gender.MALE ? "he" : "she";
        for (int s = 1; s < index.sentences().size(); s++) {
            List<WordToken> ts = index.tokens().get(s);
            boolean givesOwnName = index.mentions(s).stream()
                    .anyMatch(m -> m.explicit()
                            && m.characterId().equals(c.id())
                            && m.start() >= 3
                            && ts.get(m.start()).quoted()
                            && ts.get(m.start() - 3).lower().equals("my")
                            && ts.get(m.start() - 2).lower().equals("name")
                            && ts.get(m.start() - 1).lower().equals("is"));
            if (!givesOwnName) continue;
            for (int t = s - 1; t >= Math.max(0, s - 8); t--) {
                boolean sameSexNamed = index.mentions(t).stream()
                        .anyMatch(m -> m.explicit()
                                && !m.characterId().equals(c.id())
                                && sexes.get(m.characterId()) == c.gender());
                if (sameSexNamed) break;
                if (!bringsInStranger(index, t, c.gender())) continue;
                for (int u = t + 1;
                        u < s
                                && u <= t + 3
                                && pronoun.equals(openingSex(index.tokens().get(u)));
                        u++) out.add(u);
                break;
            }
        }
        return out;
    }

    /** Whether sentence t, outside speech, opens by bringing in an unnamed man or woman of sex g: "A man sits down". */
    private static boolean bringsInStranger(MentionIndex index, int t, lemon.story.Gender g) {
        List<WordToken> ts = index.tokens().get(t);
        int article = ts.isEmpty() || ts.get(0).quoted()
                ? -1
                : List.of("a", "an").contains(ts.get(0).lower()) ? 0 : articleAfterOpener(ts);
        if (article < 0) return false;
        int noun = personNounAt(ts, article);
        return noun > 0
                && STRANGERS.contains(ts.get(noun).lower())
                && Lexicon.genderOfHead(ts.get(noun).lower()) == g
                && index.mentions(t).stream().noneMatch(m -> m.explicit() && m.start() <= noun && m.end() > noun);
    }

    /** Whether sentence s opens with someone the cast has no one for: "The dead man was lying …", "One day a man came". */
    private static boolean strangerOpens(MentionIndex index, int s) {
        List<WordToken> ts = index.tokens().get(s);
        if (ts.isEmpty()) return false;
        // "One wet Thursday a young man walked into the church hall": brought in after a word of when
        // (not "A young man …", which opens with its article)
        int article = ts.get(0).lower().equals("the") ? 0 : articleAfterOpener(ts);
        if (article < 0 || (article == 0 && !ts.get(0).lower().equals("the"))) return false;
        int from = article + 1;
        for (int k = from; k < Math.min(ts.size(), from + 3); k++) {
            WordToken t = ts.get(k);
            if (!t.isWord() || t.capitalised()) return false;
            if (STRANGERS.contains(t.lower())) {
                int at = k;
                return index.mentions(s).stream().noneMatch(m -> m.explicit() && m.start() <= at && m.end() > at);
            }
            if (Lexicon.isPersonNoun(t.lower())) return false;
        }
        return false;
    }

    /**
     * Ranks that end the noun phrase said of someone ("He was the youngest officer aboard, a slim man") but that the
     * lexicon leaves out of its person nouns, so that a household's "officers" among its cooks and guards are no band.
     */
    private static final Set<String> OFFICERS = Set.of("officer", "crewman");

    /** Nouns of what kind of thing something is, no one's station. */
    private static final Set<String> KINDS_OF_THING = Set.of("machine", "thing", "beast", "animal", "creature");

    /** Nouns for someone of no people the lexicon knows. */
    private static final Set<String> BEINGS = Set.of("creature", "being", "alien", "figure");

    /** Who a sentence may bring in without naming them. */
    private static final Set<String> STRANGERS = Set.of("man", "woman", "boy", "girl", "lady", "gentleman", "stranger");

    /** "a young woman", "an old man" at k: someone brought in by "a" or "an" and describing words only. */
    private static boolean strangerBroughtIn(List<WordToken> ts, int k) {
        if (!List.of("a", "an").contains(ts.get(k).lower()) || ts.get(k).quoted()) return false;
        for (int j = k + 1; j < Math.min(ts.size(), k + 4); j++) {
            String w = ts.get(j).lower();
            if (STRANGERS.contains(w)) return true;
            if (!Lexicon.ADJECTIVES.contains(w)) return false;
        }
        return false;
    }

    /**
     * The bare age at k and the describing words and with-phrase after it: "She was fifty-three, short and strong, with
     * flour in her black hair".
     */
    private static void ageAndLooks(
            List<WordToken> ts, int k, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        out.add(new StoryCue("age", ts.get(k).lower() + " years old", sentence));
        // "Peggy Dawes was ten, a thin girl with scabbed knees": what she is, said after her age
        if (k + 2 < ts.size()
                && ts.get(k + 1).text().equals(",")
                && List.of("a", "an").contains(ts.get(k + 2).lower())) {
            after(ts, k, k + 1, gender, sentence, out);
            return;
        }
        for (k++; k + 1 < ts.size() && List.of(",", "and").contains(ts.get(k).lower()); k += 2) {
            String next = ts.get(k + 1).lower();
            // "forty-two, round-faced and balding", "twenty-three, fearless and short": a word of no look says nothing
            if (!ts.get(k + 1).isWord() || ts.get(k + 1).capitalised() || CLAUSE_WORDS.contains(next)) break;
            if (next.equals("with")) {
                k++;
                break;
            }
            if (isLooks(next)) describe(next, sentence, out);
        }
        if (k < ts.size() && ts.get(k).lower().equals("with")) with(ts, k, gender, sentence, out);
    }

    /** "was sixteen and knew everything", "was seventy if he was a day": a number at k standing as an age. */
    private static boolean bareAge(List<WordToken> ts, int k) {
        return k < ts.size()
                && isAge(ts.get(k))
                && (k + 1 == ts.size()
                        || !ts.get(k + 1).isWord()
                        || List.of("and", "but", "years", "now", "then", "that", "when", "if")
                                .contains(ts.get(k + 1).lower())
                        // "I was twelve the year Mr Abernathy made us build volcanoes"
                        || k + 2 < ts.size()
                                && ts.get(k + 1).lower().equals("the")
                                && List.of("year", "summer", "winter", "spring", "autumn", "day", "night", "week")
                                        .contains(ts.get(k + 2).lower()));
    }

    /** Whether an age follows at k with "of": "a girl of fourteen". */
    private static boolean isOfAnAge(List<WordToken> ts, int k) {
        return ageOf(ts, k) > 0;
    }

    /** Where the number of "of forty" or "of about nine" at k is, or −1. */
    private static int ageOf(List<WordToken> ts, int k) {
        if (k + 1 >= ts.size() || !ts.get(k).lower().equals("of")) return -1;
        int n = k + 1;
        if (n + 1 < ts.size()
                && List.of("about", "around", "perhaps", "nearly", "maybe")
                        .contains(ts.get(n).lower())) n++;
        return isAge(ts.get(n)) ? n : -1;
    }

    /** The age "of forty" at k as a cue, and where what follows it starts (k itself when there is none). */
    private static int ofAnAge(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        // "a broad-shouldered woman in her fifties with close-cropped grey hair"
        if (k + 2 < ts.size()
                && ts.get(k).lower().equals("in")
                && List.of("his", "her", "their").contains(ts.get(k + 1).lower())) {
            int d = k + 2;
            String part = List.of("early", "late").contains(ts.get(d).lower()) && d + 1 < ts.size()
                    ? ts.get(d++).lower() + " "
                    : "";
            if (DECADE.matcher(ts.get(d).lower()).matches()) {
                out.add(new StoryCue("age", "in her " + part + ts.get(d).lower(), sentence));
                return d + 1;
            }
        }
        int n = ageOf(ts, k);
        if (n < 0) return k;
        out.add(new StoryCue("age", ts.get(n).lower() + " years old", sentence));
        return n + 1;
    }

    /** A decade of life, "fifties" or "mid-fifties". */
    public static final java.util.regex.Pattern DECADE =
            java.util.regex.Pattern.compile("(?:mid-)?(?:teens|(?:twen|thir|for|fif|six|seven|eigh|nine)ties)");

    /** The sex a people's noun says: "Irishwoman" a woman, "Dutchman" a man, "Italian" neither. */
    static lemon.story.Gender sexOfAPeople(String lower) {
        if (!lower.matches("[a-z]{3,}(wo)?man")) return lemon.story.Gender.UNKNOWN;
        return lower.endsWith("woman") ? lemon.story.Gender.FEMALE : lemon.story.Gender.MALE;
    }

    /** "Irishman", "Nigerian", "Danish": a people's name, capitalised mid-phrase like no person's name. */
    static boolean nationality(WordToken t) {
        String w = t.lower();
        return t.isWord() && w.matches("[a-z]+(man|woman|ian|ese|ish|ch|ic)") && !Lexicon.isPersonNoun(w);
    }

    /** A number a person's age may be: "forty", "ten", "12". */
    private static boolean isAge(WordToken t) {
        return isAge(t.lower());
    }

    /** "twelve", "12", "fifty-three": a number an age in years is said in. */
    private static boolean isAge(String w) {
        return w.matches("\\d{1,2}") || (!w.matches("\\d+") && years(w) > 0);
    }

    /** The number a word says: "fifty-three" → 53 (a tens word and a unit), "twelve" → 12, "40" → 40; else 0. */
    public static int years(String w) {
        if (w.matches("\\d+")) return Integer.parseInt(w);
        int dash = w.indexOf('-');
        int at = AGE_NUMBERS.indexOf(dash > 0 ? w.substring(0, dash) : w);
        if (dash > 0) {
            int unit = AGE_NUMBERS.indexOf(w.substring(dash + 1));
            return at >= 19 && unit >= 0 && unit < 9 ? (at - 17) * 10 + unit + 1 : 0;
        }
        return at < 0 ? 0 : at < 19 ? at + 1 : (at - 17) * 10;
    }

    /**
     * "Rapunzel had magnificent long hair", "a coachman, who had the smartest whiskers": hair, beard or skin
     * the subject has.
     * Only the body and what is worn: "he had a donkey" or "she had two sisters" says nothing of how they look.
     */
    private static void had(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        // "a fat, jolly coachman, who had the smartest whiskers"
        if (end + 1 < ts.size()
                && ts.get(end).text().equals(",")
                && ts.get(end + 1).lower().equals("who")) end += 2;
        if (end >= ts.size() || !List.of("had", "has").contains(ts.get(end).lower())) return;
        for (Phrase p : phrases(ts, end + 1))
            if (HAIR.contains(p.head)
                    || BEARD.contains(p.head)
                    || SKIN.contains(p.head)
                    // "He had a bandage on his left knee and a lucky red headband": worn
                    || GARMENTS.contains(p.head)
                    || HEADWEAR.contains(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
    }

    /**
     * "she was dressed like his great-grandmother, and had a point band peeping over a high collar": a look told by
     * whose it is like, and what the subject has on after it.
     */
    private static void dressedLike(List<WordToken> ts, int end, String sentence, List<StoryCue> out) {
        if (end + 3 >= ts.size()
                || !List.of("was", "is").contains(ts.get(end).lower())
                || !ts.get(end + 1).lower().equals("dressed")
                || !ts.get(end + 2).lower().equals("like")) return;
        int to = end + 3;
        while (to < ts.size()
                && ts.get(to).isWord()
                && to - end < 8
                && !ts.get(to).lower().equals("and")) to++;
        out.add(new StoryCue("clothing", CharacterFinder.joinLower(ts, end + 1, to), sentence));
        if (to + 2 < ts.size()
                && ts.get(to).text().equals(",")
                && ts.get(to + 1).lower().equals("and")) had(ts, to + 2, sentence, out);
    }

    /** "with a grey beard", "with long golden hair", "with a dagger"; "in a red cloak" (only what is worn). */
    private static void with(
            List<WordToken> ts, int k, lemon.story.Gender gender, String sentence, List<StoryCue> out) {
        if (k >= ts.size()) return;
        String w = ts.get(k).lower();
        if (otherSexes(ts, k + 1, gender)) return; // "the man with her basket" is not his
        if (w.equals("with")) {
            // "a round man with a bald head and a red bow tie": no hair to lend
            for (int j = k + 1; j + 1 < ts.size() && j < k + 4; j++)
                if (ts.get(j).lower().equals("bald") && ts.get(j + 1).lower().equals("head"))
                    out.add(new StoryCue("hair", "a bald head", sentence));
            for (Phrase p : phrases(ts, k + 1)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
        }
        if (w.equals("in")) worn(ts, k + 1, sentence, out);
    }

    /** "who wore thick glasses and a striped apron" after the relative pronoun at k: what is worn, and whether it was. */
    private static boolean woreAfter(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        if (k + 1 >= ts.size()
                || !List.of("wore", "wears").contains(ts.get(k + 1).lower())) return false;
        worn(ts, k + 2, sentence, out);
        return true;
    }

    /**
     * The noun phrases at k, those worn ("a red cloak", "thick glasses and a striped apron") each a cue; all of them
     * returned, for where the list ends.
     */
    private static List<Phrase> worn(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        List<Phrase> said = phrases(ts, k);
        for (Phrase p : said)
            if (GARMENTS.contains(p.head) || HEADWEAR.contains(p.head))
                out.add(new StoryCue(kindOf(p.head), p.text, sentence));
        return said;
    }

    /** A garment or headwear among the few words before {@code k}: "a girdle round her waist, from which". */
    private static boolean wornJustBefore(List<WordToken> ts, int k) {
        for (int j = k - 1; j >= Math.max(0, k - 6); j--) {
            String head = singularKnown(ts.get(j).lower());
            if (head != null && (GARMENTS.contains(head) || HEADWEAR.contains(head))) return true;
        }
        return false;
    }

    private static final Set<String> PLACE_OR_AIM =
            Set.of("to", "at", "from", "towards", "toward", "into", "upon", "by");

    /** Words before a noun phrase that leave it its clause's subject: "and the dragon ate", "when the fox came". */
    private static final Set<String> BEFORE_A_SUBJECT = Set.of(
            "and",
            "or",
            "but",
            "then",
            "when",
            "while",
            "as",
            "that",
            "if",
            "because",
            "so",
            "till",
            "until",
            "after",
            "before",
            "where",
            "since",
            "though",
            "although",
            "once",
            "now",
            "soon",
            "suddenly",
            "there",
            "here",
            "also",
            "still",
            "yet",
            "only",
            "even",
            "at",
            "last",
            "moment",
            "instant");

    /**
     * "drive the dragon out", "stroked the little dog": a mention right after a lower-case verb, its object. Not after
     * a verb of speech ("said the fox") or one "there" or "here" opens ("there lived a miller").
     */
    private static boolean afterAVerb(List<WordToken> ts, int start) {
        int k = beforeItsPhrase(ts, start);
        if (k < 0
                || k == start - 1
                || !ts.get(k).isWord()
                || ts.get(k).capitalised()
                || ts.get(k).quoted()) return false;
        String w = ts.get(k).lower();
        if (BEFORE_A_SUBJECT.contains(w) || Lexicon.SPEECH_VERBS.contains(w) || PLACE_OR_AIM.contains(w)) return false;
        if (k > 0 && List.of("there", "here").contains(ts.get(k - 1).lower())) return false;
        return w.endsWith("ed") || Lexicon.PERSON_OBJECT_VERBS.contains(w) || DRIVING.contains(w);
    }

    /**
     * Present-tense and irregular verbs that take a beast or a person as their object, beside
     * {@link Lexicon#PERSON_OBJECT_VERBS} and any "-ed".
     */
    private static final Set<String> DRIVING = Set.of(
            "drive", "drove", "chase", "beat", "struck", "hit", "caught", "catch", "fed", "feed", "took", "take",
            "brought", "bring", "led", "lead", "found", "find", "see", "meet", "held", "hold");

    /** Words said of how someone goes about dressed, with no garment named ("she always went veiled"). */
    public static final Set<String> GONE_ABOUT = Set.of("veiled", "masked", "hooded", "barefoot", "cloaked");

    private static final Set<String> GOING = Set.of("went", "walked", "came", "rode", "goes", "go", "was", "is");
    private static final Set<String> HABITUALLY = Set.of("always", "often", "usually", "still");

    /** "as she always went veiled", "he came masked": how the subject goes about, a look of their clothes. */
    private static void goneAbout(List<WordToken> ts, int k, String sentence, List<StoryCue> out) {
        while (k < ts.size() && HABITUALLY.contains(ts.get(k).lower())) k++;
        if (k + 1 < ts.size()
                && GOING.contains(ts.get(k).lower())
                && GONE_ABOUT.contains(ts.get(k + 1).lower()))
            out.add(new StoryCue("clothing", ts.get(k + 1).lower(), sentence));
    }

    /** "to the bird", "at the little tailor": a mention that a preposition governs. */
    private static boolean afterAPreposition(List<WordToken> ts, int start) {
        int k = beforeItsPhrase(ts, start);
        return k >= 0 && PLACE_OR_AIM.contains(ts.get(k).lower());
    }

    /** The index of the word before a mention's determiner and describing words ("drive the little dragon"), or -1. */
    private static int beforeItsPhrase(List<WordToken> ts, int start) {
        int k = start - 1;
        while (k >= 0
                && ts.get(k).isWord()
                && (DETERMINERS.contains(ts.get(k).lower())
                        || Lexicon.ADJECTIVES.contains(ts.get(k).lower()))) k--;
        return k;
    }

    /** Whether the word at k is "her" for a man or "his" for a woman: what follows is someone else's. */
    private static boolean otherSexes(List<WordToken> ts, int k, lemon.story.Gender gender) {
        if (k >= ts.size()) return false;
        String w = ts.get(k).lower();
        return gender == lemon.story.Gender.MALE && w.equals("her")
                || gender == lemon.story.Gender.FEMALE && w.equals("his");
    }

    /** A word before or after a mention: an adjective of looks, a person noun of station or gender. */
    /** "smallest" → "small", "biggest" → "big", "tiniest" → "tiny": the build a superlative is the most of, or null. */
    private static String buildOfSuperlative(String w) {
        if (!w.endsWith("est") || w.length() < 6) return null;
        String stem = w.substring(0, w.length() - 3);
        for (String base : List.of(
                stem, // smallest
                stem + "e", // largest
                stem.substring(0, stem.length() - 1), // biggest
                stem.endsWith("i") ? stem.substring(0, stem.length() - 1) + "y" : "")) // tiniest
        if ("build".equals(ADJECTIVE_KIND.get(base))) return base;
        return null;
    }

    private static boolean describe(String w, String sentence, List<StoryCue> out) {
        // "a lanky sixteen-year-old called Dev Sharma": an age, no station
        java.util.regex.Matcher aged = YEAR_OLD.matcher(w);
        if (aged.matches() && isAge(aged.group(1))) {
            out.add(new StoryCue("age", aged.group(1) + " years old", sentence));
            return true;
        }
        String kind = ADJECTIVE_KIND.get(w);
        if (kind != null) {
            out.add(new StoryCue(kind, w, sentence));
            return true;
        }
        // "the smallest kid in Year Seven", "the biggest man in the village": a build said as the most of it (an age
        // so said, "the youngest", "the oldest", is a place among siblings)
        String build = buildOfSuperlative(w);
        if (build != null) {
            out.add(new StoryCue("build", build, sentence));
            return true;
        }
        // "Big Tom Kowalski was bald and bearded", "round-faced and balding"
        if (List.of("bald", "balding").contains(w)) {
            out.add(new StoryCue("hair", w.equals("bald") ? "a bald head" : "balding hair", sentence));
            return true;
        }
        if (w.equals("bearded")) {
            out.add(new StoryCue("beard", "a beard", sentence));
            return true;
        }
        // "a red-haired Irishman", "a small grey-haired woman", "a black-bearded sailor"
        java.util.regex.Matcher grown = HAIRED.matcher(w);
        if (grown.matches()) {
            out.add(new StoryCue(
                    grown.group(2).equals("haired") ? "hair" : "beard",
                    grown.group(1) + (grown.group(2).equals("haired") ? " hair" : " beard"),
                    sentence));
            return true;
        }
        if (Lexicon.isPersonNoun(w)) {
            if (List.of("child", "baby", "infant", "youth").contains(w)) out.add(new StoryCue("age", w, sentence));
            if (isStation(w)) out.add(new StoryCue("station", w, sentence));
            else if (Lexicon.genderOfHead(w) != lemon.story.Gender.UNKNOWN)
                out.add(new StoryCue("gender", w, sentence));
            return true;
        }
        return Lexicon.ADJECTIVES.contains(w) || Lexicon.DISTINGUISHING.contains(w);
    }

    private static final java.util.regex.Pattern YEAR_OLD = java.util.regex.Pattern.compile("(\\w+)-years?-old");

    private static final java.util.regex.Pattern HAIRED =
            java.util.regex.Pattern.compile("([a-z]+(?:-[a-z]+)?)-(haired|bearded)");

    /** Person nouns that say who someone is to others, or only their sex: no station. */
    private static final Set<String> NOT_STATIONS = Set.of(
            "old man", // "every inch the old woman" says only her age and sex, which the description gives
            "old woman",
            "man",
            "woman",
            "lady",
            "gentleman",
            "lad",
            "lass",
            "maiden",
            "friend",
            "stranger",
            "companion",
            "wife",
            "husband",
            "son",
            "daughter",
            "brother",
            "sister",
            "mother",
            "father",
            "uncle",
            "aunt",
            "nephew",
            "niece",
            "cousin",
            "grandmother",
            "grandfather",
            "grandson",
            "granddaughter",
            "stepmother",
            "step-mother",
            "stepfather",
            "step-father",
            "mother-in-law",
            "father-in-law",
            "daughter-in-law",
            "son-in-law",
            "stepsister",
            "step-sister",
            "twin",
            "child",
            "children",
            "neighbour",
            "neighbor",
            "guest",
            "person",
            "fellow",
            "creature",
            "boy",
            "girl",
            "baby",
            "youth",
            "bride",
            "bridegroom",
            "sweetheart",
            "lover");

    /** What one of a group is, by the group's noun: "horsemen" → "horseman", "court" → "courtier". */
    private static String oneOf(String noun) {
        String single = Lexicon.singularOfPlural(noun);
        return single != null ? single : GroupPhrase.memberOfBody(noun);
    }

    /** A person noun that says what someone does or is, not only who they are to someone ("woodcutter", "king"). */
    public static boolean isStation(String noun) {
        // a phrase the lexicon does not know ("eldest son") by its head noun
        String head =
                noun.contains(" ") && !Lexicon.isPersonNoun(noun) ? noun.substring(noun.lastIndexOf(' ') + 1) : noun;
        return Lexicon.isPersonNoun(head) && !Lexicon.GENERIC.contains(head) && !NOT_STATIONS.contains(head);
    }

    /** "his long white beard", "her golden slippers", "Morgiana's dagger". */
    private static void possessions(
            List<WordToken> ts,
            MentionIndex.Mention m,
            List<MentionIndex.Mention> others,
            Map<String, lemon.story.Gender> sexes,
            String sentence,
            List<StoryCue> out) {
        boolean possessive = !m.explicit()
                ? List.of("his", "her").contains(ts.get(m.start()).lower())
                : m.end() < ts.size() && ts.get(m.end()).kind() == WordToken.Kind.POSSESSIVE;
        if (!possessive) return;
        // "Cinderella, notwithstanding her mean apparel": the pronoun's nearest name before it is the owner;
        // "…saw the captain, with a dagger under his robe": someone else's name there makes it theirs as likely;
        // not a name of the other sex: "came into the young Queen's room with his dagger"
        lemon.story.Gender pronounSex = m.explicit()
                ? lemon.story.Gender.UNKNOWN
                : ts.get(m.start()).lower().equals("his") ? lemon.story.Gender.MALE : lemon.story.Gender.FEMALE;
        // "she dropped her left golden slipper": with no name in the sentence, the subject pronoun's own
        MentionIndex.Mention subject = others.stream()
                .filter(o -> o.start() < m.start()
                        && List.of("he", "she").contains(ts.get(o.start()).lower()))
                .findFirst()
                .orElse(null);
        MentionIndex.Mention last = null;
        for (MentionIndex.Mention o : others)
            if (o.explicit()
                    && o.start() < m.start()
                    && !otherSex(sexes.get(o.characterId()), pronounSex)
                    // "she … carried her clothes back to the bird, and then put on her little grey frock": a name a
                    // preposition governs, after the subject pronoun of the pronoun's own person, owns nothing here
                    && !(subject != null
                            && subject.start() < o.start()
                            && subject.characterId().equals(m.characterId())
                            && afterAPreposition(ts, o.start()))) last = o;
        // ("He took off his hat, and Finn saw that he was the doctor": a "he" the sentence then names apart is another)
        boolean subjectsOwn = last == null
                && subject != null
                && subject.characterId().equals(m.characterId())
                && others.stream()
                        .noneMatch(o -> o.explicit()
                                && o.start() > m.start()
                                && ts.get(o.start() - 1).lower().equals("and")
                                && o.characterId().equals(m.characterId()));
        boolean told = toldTo(ts, m, others);
        // "He changed clothes with her, … put on her veil": with no name before it, a "her" beside a "he" (or a
        // "his" beside a "she") cannot be the subject's, so it is the one the pronoun stands for
        boolean besideTheOtherSex = last == null
                && subject != null
                && !subject.characterId().equals(m.characterId())
                && otherSex(sexes.get(subject.characterId()), pronounSex)
                && others.stream().noneMatch(o -> o.explicit() && o.start() < m.start());
        // "All the ladies were busied in considering her clothes and headdress": no one else in the sentence before
        // it, the her is whom the mention index found
        boolean alone = !m.explicit()
                && last == null
                && subject == null
                && others.stream().noneMatch(o -> o.start() < m.start())
                // "Then they took away her fine clothes": whom a group acts on may be anyone
                && ts.subList(0, m.start()).stream()
                        .noneMatch(t -> List.of("they", "we", "you", "i").contains(t.lower()));
        boolean owned = m.explicit()
                || alone
                || subjectsOwn
                || besideTheOtherSex
                || last != null && last.characterId().equals(m.characterId())
                || told;
        if (!m.explicit() && last != null && !owned) return;
        int k = m.explicit() ? m.end() + 1 : m.end();
        // "showed her the lamp", "gave her a knife": her is whom it is given, not whose it is
        if (!m.explicit() && k < ts.size() && DETERMINERS.contains(ts.get(k).lower())) return;
        // "a broad-shouldered woman in her fifties with close-cropped grey hair": an age, no hair of hers
        if (k < ts.size() && DECADE.matcher(ts.get(k).lower()).matches()) return;
        Phrase p = phrase(ts, k);
        // "considering her clothes and headdress": the bare clothes say nothing, what is listed with them does
        if ((p == null || GENERIC_THINGS.contains(p.text()))
                && k + 2 < ts.size()
                && GENERIC_THINGS.contains(ts.get(k).lower())
                && ts.get(k + 1).lower().equals("and")) p = phrase(ts, k + 2);
        if (p == null) p = colouredAfter(ts, k);
        if (p == null) p = bodyIs(ts, k);
        if (p == null) {
            String limbs = limbs(ts, k);
            if (limbs != null) out.add(new StoryCue("build", limbs, sentence));
            return;
        }
        // "her clothes" after "her godmother touched her" may be anyone's; "his beard" is nearly always his
        boolean body = HAIR.contains(p.head) || BEARD.contains(p.head) || SKIN.contains(p.head);
        // "When Luca sang the solo, the vicar, an elderly man, forgot the page of his hymn book": a person between the
        // name and the pronoun who is no one of the cast may own a thing as well ("the maiden loosed her hair" is hers)
        if (!m.explicit() && !body && !told && uncastBetween(ts, last != null ? last.end() : 0, m.start(), others))
            return;
        // "his sword", "her spindle": an object the story gives them, when they are the sentence's subject
        boolean thing = OBJECTS.contains(p.head);
        if (thing && !(owned && (ownerLeads(m, others) || told))) return; // "asked him to open his sample case"
        if (owned || body) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
        Phrase layer = owned ? layeredOn(ts, p) : null;
        if (layer != null) out.add(new StoryCue(kindOf(layer.head), layer.text, sentence));
    }

    /** Whether "the" or "a" and a person noun no mention covers stand between from and to: someone of no cast. */
    private static boolean uncastBetween(List<WordToken> ts, int from, int to, List<MentionIndex.Mention> mentions) {
        for (int j = Math.max(1, from); j < to; j++) {
            int at = j;
            // ("She is a nurse …, still in her blue scrubs": what the subject is, no one else)
            // ("All the ladies were busied in considering her clothes": many are no her)
            String plural = Lexicon.singularOfPlural(ts.get(j).lower());
            if (Lexicon.isPersonNoun(ts.get(j).lower())
                    && (plural == null || plural.equals(ts.get(j).lower()))
                    && !ts.get(j).capitalised()
                    && StoryCues.A_OR_THE.contains(ts.get(j - 1).lower())
                    && !(j >= 2 && COPULAS.contains(ts.get(j - 2).lower()))
                    && mentions.stream().noneMatch(o -> o.start() <= at && at < o.end())) return true;
        }
        return false;
    }

    /** Whether a character of sex {@code a} cannot be one of sex {@code b}: both known and different. */
    private static boolean otherSex(lemon.story.Gender a, lemon.story.Gender b) {
        return a != null && a != lemon.story.Gender.UNKNOWN && b != lemon.story.Gender.UNKNOWN && a != b;
    }

    /** "commanded her harshly to take off her royal robes": the possessive is the told one's, after "her … to". */
    private static boolean toldTo(List<WordToken> ts, MentionIndex.Mention m, List<MentionIndex.Mention> others) {
        if (m.explicit()) return false;
        for (MentionIndex.Mention o : others) {
            if (o.explicit() || o.start() >= m.start() || m.start() - o.start() > 7) continue;
            if (!o.characterId().equals(m.characterId())
                    || !List.of("him", "her").contains(ts.get(o.start()).lower())) continue;
            for (int j = o.end(); j < m.start(); j++) if (ts.get(j).lower().equals("to")) return true;
        }
        return false;
    }

    /**
     * Whether the owner is the sentence's first character: "she struck it with her wand", not "ordered Cinderella
     * to lift the trapdoor, giving each mouse a tap with her wand" (the godmother's).
     */
    private static boolean ownerLeads(MentionIndex.Mention m, List<MentionIndex.Mention> others) {
        if (m.explicit()) return true; // "the butler's jug", "Ali Baba's axe"
        MentionIndex.Mention first = null;
        for (MentionIndex.Mention o : others) if (first == null || o.start() < first.start()) first = o;
        return first != null && first != m && first.characterId().equals(m.characterId());
    }

    /** "she put on a head-dress", "Abdallah, carrying his tabor", "he took his axe": what the subject wears or bears. */
    private static void actions(
            List<WordToken> ts,
            MentionIndex.Mention m,
            lemon.story.Gender gender,
            List<MentionIndex.Mention> all,
            String sentence,
            List<StoryCue> out) {
        if (!m.explicit() && !subjectPronoun(ts, m)) return; // not the subject
        // "carried her beautiful clothes back to the bird …, and then put on her little grey frock": after a
        // preposition the name is where or to whom, and what follows is the subject's doing
        if (m.explicit() && afterAPreposition(ts, m.start())) return;
        // "made Aladdin kneel down, bandaged his eyes, and raised his scimitar": the verbs after the one made to
        // kneel are the maker's
        if (m.start() > 0 && CAUSATIVES.contains(ts.get(m.start() - 1).lower())) return;
        // "wanted to drive the dragon out with torches": a verb's object, whose "with" is the driver's; but one right
        // after it is its own ("saw the captain of the thieves, with a dagger hidden under his robe")
        if (m.explicit() && afterAVerb(ts, m.start())) {
            int w = m.end() < ts.size() && ts.get(m.end()).text().equals(",") ? m.end() + 1 : m.end();
            if (w < ts.size() && ts.get(w).lower().equals("with") && !otherSexes(ts, w + 1, gender))
                for (Phrase p : phrases(ts, w + 1))
                    if (known(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
            return;
        }
        if (m.end() < ts.size() && ts.get(m.end()).kind() == WordToken.Kind.POSSESSIVE) return; // an owner
        // (but in "the giant thought that the little tailor was asleep, he got up, took a great iron bar" the he is
        // the giant's for sure)
        if (!m.explicit()
                && all.stream()
                        .anyMatch(o -> o.explicit()
                                && o.start() < m.start()
                                && !o.characterId().equals(m.characterId()))
                && !m.characterId()
                        .equals(MentionIndex.thinkerBefore(
                                ts,
                                m.start(),
                                all.stream().filter(o -> o.start() < m.start()).toList()))) return;
        int clause = relativeClauseEnd(ts, m.end());
        // "Cogia Hassan, seeing that she was coming to him, pulled out his purse": a clause of someone else's, set off
        // by commas after its participle, is passed over
        int aside = participleClauseEnd(ts, clause);
        boolean othersAside = all.stream()
                .anyMatch(o -> o.start() > clause
                        && o.start() < aside
                        && !o.characterId().equals(m.characterId()));
        int main = othersAside ? aside : clause;
        int limit = Math.min(ts.size(), main + 9); // past an apposition: "Ilse, a fisher girl, wore…"
        boolean pastAnOwner = false;
        for (int k = main; k < ts.size(); k++) {
            WordToken t = ts.get(k);
            if (t.text().equals(".") || t.text().equals(";")) return;
            final int at = k;
            if (k >= limit) {
                // "…, and took the wand", "…, seized a pair of scissors": a later verb of the same subject opens a
                // new window; nothing else past the first one is theirs for sure
                if (t.quoted()) return;
                int verb = k + 1 < ts.size()
                                && ts.get(k + 1).lower().equals("and")
                                && t.text().equals(",")
                        ? k + 2
                        : k + 1;
                if ((t.text().equals(",") || t.lower().equals("and"))
                        && verb < ts.size()
                        && (CARRY.contains(ts.get(verb).lower())
                                || RAISED.contains(ts.get(verb).lower())
                                || WEAR.contains(ts.get(verb).lower()))) limit = Math.min(ts.size(), verb + 9);
                else if (all.stream().anyMatch(o -> o.start() == at && !onlyAnOwner(ts, o))) return;
                continue;
            }
            // someone else's action; "walked into Harrow's tent with …" is still the walker's, and so is "he
            // seized a bag" after "the dwarf felt himself free"
            for (MentionIndex.Mention o : all) {
                if (o.start() != at || o == m) continue;
                // "made Aladdin kneel down, bandaged his eyes, and raised his scimitar": whom the subject makes
                // (lets, bids) do something is not a new subject
                if (o.explicit() && at > 0 && CAUSATIVES.contains(ts.get(at - 1).lower())) continue;
                boolean owner = onlyAnOwner(ts, o);
                if (!owner && !(o.characterId().equals(m.characterId()) && subjectPronoun(ts, o))) return;
                pastAnOwner |= owner;
            }
            // "told the inspector about a young woman with a long case": what follows a stranger brought in is theirs
            if (strangerBroughtIn(ts, k)) return;
            String w = t.lower();
            // "very meanly dressed", "richly dressed", "well dressed"
            if (w.equals("dressed")
                    && k > 0
                    && (ts.get(k - 1).lower().endsWith("ly")
                            || ts.get(k - 1).lower().equals("well"))) {
                out.add(new StoryCue("clothing", ts.get(k - 1).lower() + " dressed", sentence));
                continue; // "well dressed and covered in soot"
            }
            // "put on a head-dress", "slipped on his little coat", "pulled on her boots"
            boolean putOn = List.of("put", "slipped", "pulled").contains(w)
                    && k + 1 < ts.size()
                    && ts.get(k + 1).lower().equals("on");
            if (WEAR.contains(w) || putOn) {
                int from = putOn ? k + 2 : k + 1;
                if (from < ts.size()
                        && List.of("in", "on").contains(ts.get(from).lower())) from++;
                List<Phrase> said = worn(ts, from, sentence, out);
                if (said.isEmpty()) return;
                // "put on a head-dress …, and clasped a girdle round her waist": the next thing put on
                int after = said.get(said.size() - 1).end();
                limit = Math.min(ts.size(), Math.max(limit, after + 8));
                k = after - 1;
                continue;
            }
            // "clasped a girdle round her waist, from which hung a dagger with a silver hilt": hung from what they wear
            if (List.of("hung", "hanging").contains(w)
                    && k >= 2
                    && ts.get(k - 1).lower().equals("which")
                    && ts.get(k - 2).lower().equals("from")
                    && wornJustBefore(ts, k - 2)) {
                for (Phrase p : phrases(ts, k + 1))
                    if (isThing(p.head)) out.add(new StoryCue(kindOf(p.head), p.text, sentence));
                continue;
            }
            // "tired and covered in soot": what is on the skin, a bare noun ("covered with a cloak" is worn)
            if (w.equals("covered")
                    && k + 2 < ts.size()
                    && List.of("in", "with").contains(ts.get(k + 1).lower())
                    && ts.get(k + 2).isWord()
                    && !ts.get(k + 2).capitalised()
                    && !DETERMINERS.contains(ts.get(k + 2).lower())
                    && !Lexicon.isPersonNoun(ts.get(k + 2).lower())) {
                out.add(new StoryCue(
                        "skin",
                        "covered " + ts.get(k + 1).lower() + " " + ts.get(k + 2).lower(),
                        sentence));
                continue;
            }
            // "the thirteenth fairy came, with a black cap on her head", "an ancient dame leaning on a staff"
            // past someone's thing, "with" may be that thing's: "thanked his little friend with the scarlet cloak" is
            // the friend's cloak, "knocked it out of his hand with a fire bucket" the knocker's bucket
            if (w.equals("with")
                    || (w.equals("on") && k > 0 && ts.get(k - 1).lower().equals("leaning"))) {
                if (otherSexes(ts, k + 1, gender)) continue; // "to the tailor with her heavy basket"
                for (Phrase p : phrases(ts, k + 1))
                    if (known(p.head) && (!pastAnOwner || OBJECTS.contains(p.head)))
                        out.add(new StoryCue(kindOf(p.head), p.text, sentence));
                continue;
            }
            // "Aladdin mounted his horse", "rode upon a grey mule": the beast they ride
            if (RIDE.contains(w)) {
                int q = k + 1;
                if (q < ts.size() && List.of("on", "upon").contains(ts.get(q).lower())) q++;
                if (q < ts.size() && DETERMINERS.contains(ts.get(q).lower())) q++;
                List<String> said = new ArrayList<>(); // "a grey mule": its describing words, two at most
                while (q < ts.size()
                        && ts.get(q).isWord()
                        && said.size() < 2
                        && !MOUNTS.contains(ts.get(q).lower()))
                    said.add(ts.get(q++).lower());
                if (q < ts.size()
                        && ts.get(q).isWord()
                        && MOUNTS.contains(ts.get(q).lower())) {
                    said.add(ts.get(q).lower());
                    String text = String.join(" ", said);
                    out.add(new StoryCue("object", article(text) + " " + text, sentence));
                }
                continue;
            }
            if (CARRY.contains(w) || RAISED.contains(w)) {
                int from = k + 1;
                if (from < ts.size() && ts.get(from).lower().equals("off")) {
                    // "took off her cloak": not carried; "pulled off their rings and put them on his own fingers": his
                    for (Phrase p : phrases(ts, from + 1))
                        if (isThing(p.head) && putOnOwn(ts, p.end()))
                            out.add(new StoryCue(kindOf(p.head), p.text, sentence));
                    return;
                }
                if (from < ts.size() && PARTICLES.contains(ts.get(from).lower())) from++; // "drew out his sword"
                // a garment in the hand is carried, not worn: "the prince took the shoe"
                List<Phrase> carried = phrases(ts, from);
                // "raised her veil" lifts what she wears; "raised his scimitar" wields a thing; "swung the bag over his
                // back" swings one the story has already given them
                boolean wielded = RAISED.contains(w),
                        told = from < ts.size() && ts.get(from).lower().equals("the");
                for (Phrase p : carried)
                    if (wielded ? OBJECTS.contains(p.head) && !told : isThing(p.head))
                        out.add(new StoryCue("object", p.text, sentence));
                // the window closes: only a coordinated verb of the same subject opens another
                limit = carried.isEmpty()
                        ? from
                        : carried.get(carried.size() - 1).end();
                k = limit - 1;
            }
        }
    }

    /** "small feet", "big hands" at k: the size of one's hands or feet, a build. */
    private static String limbs(List<WordToken> ts, int k) {
        if (k + 1 >= ts.size()
                || !LIMB_SIZES.contains(ts.get(k).lower())
                || !List.of("feet", "hands", "fingers", "legs", "arms")
                        .contains(ts.get(k + 1).lower())) return null;
        return ts.get(k).lower() + " " + ts.get(k + 1).lower();
    }

    private static final Set<String> LIMB_SIZES =
            Set.of("small", "little", "tiny", "dainty", "big", "large", "huge", "long", "short", "thin", "bony");

    /** "and put them on his own fingers" at k: what was just taken is put on the taker. */
    private static boolean putOnOwn(List<WordToken> ts, int k) {
        if (k + 5 >= ts.size()
                || !ts.get(k).lower().equals("and")
                || !ts.get(k + 1).lower().equals("put")
                || !List.of("it", "them").contains(ts.get(k + 2).lower())
                || !ts.get(k + 3).lower().equals("on")
                || !List.of("his", "her").contains(ts.get(k + 4).lower())) return false;
        int body = ts.get(k + 5).lower().equals("own") ? k + 6 : k + 5;
        return body < ts.size()
                && List.of("finger", "fingers", "head", "hand", "hands", "back", "feet")
                        .contains(ts.get(body).lower());
    }

    /** "Harrow's", "his", "her" before its noun: a mention that only says whose a thing is. */
    private static boolean onlyAnOwner(List<WordToken> ts, MentionIndex.Mention o) {
        if (o.explicit()) return o.end() < ts.size() && ts.get(o.end()).kind() == WordToken.Kind.POSSESSIVE;
        String w = ts.get(o.start()).lower();
        if (List.of("his", "its", "their").contains(w)) return true;
        // "her bedroom", not "gave her a frock" or "saw her in the garden"
        return w.equals("her")
                && o.end() < ts.size()
                && ts.get(o.end()).isWord()
                && !DETERMINERS.contains(ts.get(o.end()).lower())
                && !CLAUSE_WORDS.contains(ts.get(o.end()).lower())
                && !WHERE.contains(ts.get(o.end()).lower())
                && !AFTER_A_VERB.contains(ts.get(o.end()).lower())
                && !List.of("and", "or", "up", "out", "off", "down", "away", "back")
                        .contains(ts.get(o.end()).lower());
    }

    private static final Set<String> PERSON_WORDS = Set.of(
            "man", "woman", "girl", "boy", "lady", "gentleman", "fellow", "youth", "maiden", "lad", "lass", "kid");

    /**
     * "She was a small, quick woman of forty": a he or she of the narration said to be a man, woman, boy or girl of
     * its own sex, a few describing words on. Only this way round: "she was old", "he was a captain" through a
     * pronoun may be anyone's, where the index guessed wrong; but a sentence that opens with the pronoun is about
     * whom it goes on about, so there bare looks, a bare age going on ("He was young, no more than twenty-five") and a
     * person noun of either sex ("He was a retired bus driver") count too.
     */
    private static boolean describedAsPerson(List<WordToken> ts, MentionIndex.Mention m) {
        // "I was the smallest kid in Year Seven, with glasses …": a narrator tells their own looks, of either sex
        boolean narrator = !m.explicit() && ts.get(m.start()).lower().equals("i");
        if (!(subjectPronoun(ts, m) || narrator) || ts.get(m.start()).quoted()) return false;
        // "who had loved him since he was a boy": what someone once was
        if (m.start() > 0
                && Set.of("since", "when", "until", "before", "after", "once", "if", "though")
                        .contains(ts.get(m.start() - 1).lower())) return false;
        int k = m.end();
        if (k + 1 >= ts.size() || !List.of("was", "is").contains(ts.get(k).lower())) return false;
        // "He was the biggest man in the village": a superlative describes as "a" does
        boolean superlative = superlativeAt(ts, k + 1);
        // "She was tall and pale, with her dark hair tied back": looks said bare, of the one a sentence opens with
        if (m.start() == 0 && looksWord(ts.get(k + 1).lower())) return true;
        // "as he was light and nimble, he felt no fatigue": a reason given by the looks, the second of two words
        // maybe the one known
        if (m.start() > 0
                && List.of("as", "because").contains(ts.get(m.start() - 1).lower())
                && (looksWord(ts.get(k + 1).lower())
                        || (k + 3 < ts.size()
                                && ts.get(k + 2).lower().equals("and")
                                && looksWord(ts.get(k + 3).lower())))) return true;
        // "He was young, no more than twenty-five, with a black hat": an age said bare and gone on from
        if (m.start() == 0
                && "age".equals(ADJECTIVE_KIND.get(ts.get(k + 1).lower()))
                && k + 2 < ts.size()
                && ts.get(k + 2).text().equals(",")) return true;
        // "She was about my age, with short dark hair": an age told by someone else's, then gone on from
        if (m.start() == 0
                && k + 4 < ts.size()
                && List.of("about", "around", "nearly", "roughly")
                        .contains(ts.get(k + 1).lower())
                && Lexicon.POSSESSIVE_PRONOUNS.contains(ts.get(k + 2).lower())
                && ts.get(k + 3).lower().equals("age")
                && ts.get(k + 4).text().equals(",")) return true;
        // "He was old and thin", "He is old and very thin": an age said bare beside a look
        if (m.start() == 0
                && "age".equals(ADJECTIVE_KIND.get(ts.get(k + 1).lower()))
                && k + 3 < ts.size()
                && ts.get(k + 2).lower().equals("and")) {
            int look = k + 3;
            if (look + 1 < ts.size() && DEGREES.contains(ts.get(look).lower())) look++;
            if (looksWord(ts.get(look).lower())) return true;
        }
        if (!List.of("a", "an").contains(ts.get(k + 1).lower()) && !superlative) return false;
        boolean she = ts.get(m.start()).lower().equals("she");
        boolean someone = false;
        for (int j = k + 2;
                j < Math.min(ts.size(), k + 10)
                        && (ts.get(j).isWord() || ts.get(j).text().equals(","));
                j++) {
            // "He was a silver-haired Italian of sixty-two", "She was a big, cheerful Irishwoman"
            if (ts.get(j).capitalised() && nationality(ts.get(j))) {
                lemon.story.Gender sex = sexOfAPeople(ts.get(j).lower());
                return sex == lemon.story.Gender.UNKNOWN
                        || sex == (she ? lemon.story.Gender.FEMALE : lemon.story.Gender.MALE);
            }
            if (PERSON_WORDS.contains(ts.get(j).lower())) {
                if (narrator) return true;
                lemon.story.Gender g = Lexicon.genderOfHead(ts.get(j).lower());
                // "He was the youngest officer aboard, a slim man": an officer may be either, the man is he
                if (g == lemon.story.Gender.UNKNOWN) continue;
                return g == (she ? lemon.story.Gender.FEMALE : lemon.story.Gender.MALE);
            }
            // "She is a nurse coming off a double shift": a noun of the pronoun's own sex, of the one a sentence opens
            // with
            String w = ts.get(j).lower();
            if (m.start() == 0 && Lexicon.isPersonNoun(w) && Lexicon.genderOfHead(w) != lemon.story.Gender.UNKNOWN)
                return Lexicon.genderOfHead(w) == (she ? lemon.story.Gender.FEMALE : lemon.story.Gender.MALE);
            // "He was a retired bus driver, tall and bald": a station of either sex, said of the one a sentence opens
            // with
            if (m.start() == 0
                    && Lexicon.isPersonNoun(ts.get(j).lower())
                    && Lexicon.genderOfHead(ts.get(j).lower()) == lemon.story.Gender.UNKNOWN) someone = true;
        }
        return someone;
    }

    /** Whether a person noun after a preposition stands in [from, to): "with the king", "beside her father". */
    private static boolean someoneElseBetween(List<WordToken> ts, int from, int to) {
        boolean preposition = false;
        for (int j = Math.max(0, from); j < to; j++) {
            String w = ts.get(j).lower();
            if (List.of("with", "to", "beside", "by", "for", "of", "near", "behind", "from")
                    .contains(w)) preposition = true;
            else if (preposition && (Lexicon.isPersonNoun(w) || ts.get(j).capitalised())) return true;
        }
        return false;
    }

    /** Whether a person noun comes within n words from k, describing words between. */
    private static boolean personNounWithin(List<WordToken> ts, int k, int n) {
        for (int j = k; j < Math.min(ts.size(), k + n); j++) {
            if (!ts.get(j).isWord() || ts.get(j).capitalised()) return false;
            if (PERSON_WORDS.contains(ts.get(j).lower())) return true;
        }
        return false;
    }

    /** A word of how someone looks said bare after "was": "tall", "pale", "bald", "bearded" (not "old", "poor"). */
    private static boolean looksWord(String w) {
        String kind = ADJECTIVE_KIND.get(w);
        return (kind != null && !List.of("age", "station").contains(kind))
                || List.of("bald", "balding", "bearded").contains(w)
                || HAIRED.matcher(w).matches(); // "She was forty, red-haired and strong"
    }

    /** "the biggest", "the most": at i a superlative, which says what someone is as "a" does. */
    static boolean superlativeAt(List<WordToken> ts, int i) {
        return i + 1 < ts.size()
                && ts.get(i).lower().equals("the")
                && ts.get(i + 1).lower().matches("[a-z]{3,}est|most");
    }

    /** "he" or "she": a pronoun that is a clause's subject ("the dwarf felt himself free, he seized a bag"). */
    private static boolean subjectPronoun(List<WordToken> ts, MentionIndex.Mention o) {
        return !o.explicit() && List.of("he", "she").contains(ts.get(o.start()).lower());
    }

    /** ", seeing that she was coming to him," after a subject: where the participle's clause ends, else {@code end}. */
    private static int participleClauseEnd(List<WordToken> ts, int end) {
        if (end + 1 >= ts.size() || !ts.get(end).text().equals(",")) return end;
        String w = ts.get(end + 1).lower();
        if (!w.endsWith("ing") || w.length() < 6 || ts.get(end + 1).capitalised()) return end;
        for (int k = end + 2; k < Math.min(ts.size(), end + 16); k++) {
            String t = ts.get(k).text();
            if (t.equals(",")) return k + 1;
            if (List.of(".", ";", ":", "!", "?").contains(t) || ts.get(k).quoted()) return end;
        }
        return end;
    }

    /**
     * Where the main clause goes on after a relative clause set off by commas ("Merritt, who had been a boxer before
     * he was a sailor, knocked it out … with a fire bucket"): the index after its closing comma, else {@code end}.
     */
    private static int relativeClauseEnd(List<WordToken> ts, int end) {
        if (end + 1 >= ts.size()
                || !ts.get(end).text().equals(",")
                || !List.of("who", "whom", "whose").contains(ts.get(end + 1).lower())) return end;
        for (int k = end + 2; k < Math.min(ts.size(), end + 20); k++) {
            String t = ts.get(k).text();
            if (t.equals(",")) return k + 1;
            if (List.of(".", ";", ":", "!", "?").contains(t)) return end;
        }
        return end;
    }

    /**
     * Whether a pronoun's character is named in the sentence before it, and not in this sentence ahead of
     * the pronoun (there it would be the giver: "the bird … brought a dress for her" is not the bird's
     * dress).
     */
    private static boolean namedJustBefore(MentionIndex index, int s, MentionIndex.Mention m) {
        boolean before = s > 0
                && index.mentions(s - 1).stream()
                        .anyMatch(o -> o.explicit() && o.characterId().equals(m.characterId()));
        boolean giver = index.mentions(s).stream()
                .anyMatch(o ->
                        o.explicit() && o.start() < m.start() && o.characterId().equals(m.characterId()));
        return before && !giver;
    }

    /** "Then her friend the bird … brought a gold and silver dress for her": someone else, named ahead, gives. */
    private static boolean givenBySomeoneNamed(MentionIndex index, int s, MentionIndex.Mention m) {
        return index.mentions(s).stream()
                .anyMatch(o -> o.explicit()
                        && o.start() < m.start()
                        && !o.characterId().equals(m.characterId()));
    }

    private static final Set<String> GIVE =
            Set.of("brought", "gave", "threw", "handed", "fetched", "sent", "bought", "made");

    /**
     * Clothes someone is given are theirs to wear: "gave her an old grey frock to put on", "brought a
     * gold and silver dress for her, and slippers of spangled silk". Only garments and headwear: a ring
     * or a purse given is not shown to be kept.
     */
    private static void given(List<WordToken> ts, MentionIndex.Mention m, String sentence, List<StoryCue> out) {
        List<Phrase> things = new ArrayList<>();
        int before = m.start() - 1;
        if (before >= 0 && GIVE.contains(ts.get(before).lower())) { // "gave her a frock"
            things.addAll(phrases(ts, m.end()));
        } else if (before >= 1 && List.of("for", "to").contains(ts.get(before).lower())) { // "brought a dress for her"
            for (int v = before - 1; v >= Math.max(0, before - 9); v--) {
                String w = ts.get(v).lower();
                if (w.equals(".") || w.equals(";")) break;
                if (!GIVE.contains(w)) continue;
                int from = v + 1;
                if (from < ts.size() && PARTICLES.contains(ts.get(from).lower())) from++; // "threw down"
                for (Phrase p : phrases(ts, from)) if (p.end() <= before) things.add(p);
                int after = m.end(); // ", and slippers of spangled silk": more of what was brought
                if (after + 1 < ts.size() && ts.get(after).text().equals(",")) after++;
                if (after < ts.size() && ts.get(after).lower().equals("and")) things.addAll(phrases(ts, after + 1));
                break;
            }
        }
        for (Phrase p : things)
            if (GARMENTS.contains(p.head()) || HEADWEAR.contains(p.head()))
                out.add(new StoryCue(kindOf(p.head()), p.text(), sentence));
    }

    /** Work a story tells rather than names ("he earned their bread by cutting wood"), and the station it is. */
    public static final Map<String, String> WORK = Map.ofEntries(
            Map.entry("cutting wood", "woodcutter"),
            Map.entry("cut wood", "woodcutter"),
            Map.entry("chopping wood", "woodcutter"),
            Map.entry("felling trees", "woodcutter"),
            Map.entry("tending sheep", "shepherd"),
            Map.entry("keeping sheep", "shepherd"),
            Map.entry("minding the sheep", "shepherd"),
            Map.entry("tending the geese", "goose-girl"),
            Map.entry("keeping the geese", "goose-girl"),
            Map.entry("mending shoes", "cobbler"),
            Map.entry("making shoes", "shoemaker"),
            Map.entry("baking bread", "baker"),
            Map.entry("grinding corn", "miller"),
            Map.entry("catching fish", "fisherman"),
            Map.entry("mending nets", "fisherman"),
            Map.entry("mended nets", "fisherman"),
            Map.entry("spinning flax", "spinner"),
            Map.entry("sewing clothes", "tailor"));

    /** Sorted, so cues come out in the same order in every JVM (Map.ofEntries iterates in a per-JVM order). */
    private static final Map<String, java.util.regex.Pattern> WORK_PATTERNS = new java.util.TreeMap<>();

    static {
        for (String work : WORK.keySet())
            WORK_PATTERNS.put(work, java.util.regex.Pattern.compile("\\b" + work + "\\b"));
    }

    private static final java.util.regex.Pattern AS_ADJ_AS =
            java.util.regex.Pattern.compile("(?i)\\bas ([a-z-]+) as (?:himself|herself)\\b");

    /**
     * Who does the work named at its first use in the sentence: the last one named before it who is a clause's subject
     * (a verb follows, not "and" or a comma): "Cassim was married to a rich wife, while Ali Baba had to keep his wife
     * and children by cutting wood" is Ali Baba's work.
     */
    private static boolean ownWork(
            List<WordToken> ts, String work, List<MentionIndex.Mention> all, MentionIndex.Mention m) {
        MentionIndex.Mention doer = doer(ts, work, all);
        return doer != null && doer.characterId().equals(m.characterId());
    }

    private static MentionIndex.Mention doer(List<WordToken> ts, String work, List<MentionIndex.Mention> all) {
        String[] words = work.split(" ");
        int at = -1;
        for (int k = 0; k + words.length <= ts.size() && at < 0; k++) {
            boolean match = true;
            for (int q = 0; q < words.length && match; q++)
                match = ts.get(k + q).lower().equals(words[q]);
            if (match) at = k;
        }
        MentionIndex.Mention doer = null;
        for (MentionIndex.Mention o : all) {
            if (o.start() >= at || o.end() >= ts.size()) continue;
            if (!o.explicit()
                    && Lexicon.POSSESSIVE_PRONOUNS.contains(ts.get(o.start()).lower())) continue; // an owner
            WordToken next = ts.get(o.end());
            if (next.isWord() && !List.of("and", "or", "nor").contains(next.lower())) doer = o;
        }
        return doer;
    }

    /** Work done ("by cutting wood") by the character, and "as poor as himself" where it leads the sentence. */
    private static void work(
            List<WordToken> ts,
            String sentence,
            MentionIndex.Mention m,
            List<MentionIndex.Mention> all,
            List<StoryCue> out) {
        String low = sentence.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, java.util.regex.Pattern> w : WORK_PATTERNS.entrySet())
            if (low.contains(w.getKey()) && w.getValue().matcher(low).find() && ownWork(ts, w.getKey(), all, m))
                out.add(new StoryCue("station", w.getKey(), sentence));
        if (all.stream()
                .anyMatch(o -> o.explicit() && !o.characterId().equals(m.characterId()) && o.start() < m.start()))
            return; // someone else is the subject
        java.util.regex.Matcher as = AS_ADJ_AS.matcher(sentence);
        while (as.find()) {
            String kind = ADJECTIVE_KIND.get(as.group(1).toLowerCase(Locale.ROOT));
            if (kind != null) out.add(new StoryCue(kind, as.group(1).toLowerCase(Locale.ROOT), sentence));
        }
    }

    /** "a navy uniform with a lantern": the thing held after "with" at k, beside a garment, not part of it; or null. */
    private static Phrase heldWith(List<WordToken> ts, int k, String garment) {
        if (!GARMENTS.contains(garment)
                || k + 1 >= ts.size()
                || !ts.get(k).lower().equals("with")) return null;
        Phrase p = phrase(ts, k + 1);
        return p != null && OBJECTS.contains(p.head()) && !GARMENTS.contains(p.head()) ? p : null;
    }

    /** "her blue scrubs under a long camel coat": the garment worn under or over garment {@code p}, or null. */
    private static Phrase layeredOn(List<WordToken> ts, Phrase p) {
        int i = p.end();
        if (!GARMENTS.contains(p.head())
                || i + 1 >= ts.size()
                || !List.of("under", "over").contains(ts.get(i).lower())
                || !List.of("a", "an").contains(ts.get(i + 1).lower())) return null;
        Phrase worn = phrase(ts, i + 1);
        return worn != null && GARMENTS.contains(worn.head()) ? worn : null;
    }

    /** A noun phrase of looks: its words, its head noun, and the index after it. */
    private record Phrase(String text, String head, int end) {}

    /** Words that tell how a garment is made, before "with": "liveries all bedaubed with gold and silver". */
    private static final Set<String> TRIMMED = Set.of(
            "bedaubed",
            "embroidered",
            "trimmed",
            "laced",
            "edged",
            "beset",
            "decorated",
            "adorned",
            "spangled",
            "studded",
            "lined",
            "braided",
            "fringed",
            "sewn");

    /**
     * A phrase and those joined to it by "and" or a comma: "with his father's ledger and a lamp", "with a black cap on
     * her head, and black shoes on her feet, and a broomstick in her hand".
     */
    private static List<Phrase> phrases(List<WordToken> ts, int k) {
        List<Phrase> out = new ArrayList<>();
        Phrase p = phrase(ts, k);
        // "with a booming laugh and a white apron": a thing of no look first, then one
        if (p == null) {
            int i = k;
            while (i < ts.size()
                    && i - k < 4
                    && ts.get(i).isWord()
                    && !ts.get(i).lower().equals("and")) i++;
            if (i > k
                    && i + 1 < ts.size()
                    && ts.get(i).lower().equals("and")
                    // ("with flour on her forearms and a yellow headscarf")
                    && (DETERMINERS.contains(ts.get(k).lower())
                            || List.of("a", "an").contains(ts.get(i + 1).lower()))) p = phrase(ts, i + 1);
            // "with scabbed knees, a brown coat two sizes too big": a list goes on after the comma
            else if (i > k
                    && i + 1 < ts.size()
                    && ts.get(i).text().equals(",")
                    && List.of("a", "an").contains(ts.get(i + 1).lower())) p = phrase(ts, i + 1);
        }
        while (p != null) {
            int i = p.end();
            // "round her waist", "on her head", "in her right hand": where it is worn or held, kept with it
            if (i + 2 < ts.size()
                    && WHERE.contains(ts.get(i).lower())
                    && List.of("his", "her", "their").contains(ts.get(i + 1).lower())
                    && ts.get(i + 2).isWord()) {
                int to = i + 3;
                if (to < ts.size()
                        && List.of("right", "left").contains(ts.get(i + 2).lower())
                        && ts.get(to).isWord()) to++;
                p = new Phrase(p.text() + " " + CharacterFinder.joinLower(ts, i, to), p.head(), to);
                i = to;
            }
            // "their liveries all bedaubed with gold and silver", "a cloak trimmed with fur": how it is made, kept with
            // it
            int made = i < ts.size() && ts.get(i).lower().equals("all") ? i + 1 : i;
            if (made + 2 < ts.size()
                    && TRIMMED.contains(ts.get(made).lower())
                    && ts.get(made + 1).lower().equals("with")
                    && GARMENTS.contains(p.head())) {
                int to = made + 2;
                while (to < ts.size() && to - made < 7 && ts.get(to).isWord()) to++;
                p = new Phrase(p.text() + " " + CharacterFinder.joinLower(ts, i, to), p.head(), to);
                i = to;
            }
            // "a nervous habit of tapping his console" is no nun's habit
            if (!(p.head().equals("habit") && p.text().contains("habit of "))) out.add(p);
            // "her dark hair tied back and a white lab coat", "silver hair pinned up in a bun and a red apron": how it
            // is worn, then the list goes on
            // ("her white hair in a tight bun and half-moon glasses")
            boolean hairWorn = i + 2 < ts.size()
                    && ts.get(i).lower().endsWith("ed")
                    && List.of("back", "up", "low", "short", "high", "loose")
                            .contains(ts.get(i + 1).lower());
            hairWorn |= i + 2 < ts.size()
                    && p.head().equals("hair")
                    && ts.get(i).lower().equals("in")
                    && List.of("a", "an", "two", "one").contains(ts.get(i + 1).lower());
            Phrase layer = layeredOn(ts, p);
            if (layer != null) {
                p = layer;
                continue;
            }
            Phrase held = heldWith(ts, i, p.head());
            if (held != null) {
                p = held;
                continue;
            }
            // "glasses that kept sliding down my nose and a green hoodie": a relative clause, then the list goes on
            boolean relative = i + 1 < ts.size()
                    && List.of("that", "which").contains(ts.get(i).lower());
            if (relative) {
                int and = i + 1;
                while (and < Math.min(ts.size(), i + 9)
                        && ts.get(and).isWord()
                        && !ts.get(and).lower().equals("and")) and++;
                if (and + 1 < ts.size()
                        && ts.get(and).lower().equals("and")
                        && List.of("a", "an").contains(ts.get(and + 1).lower())) i = and;
            }
            if (hairWorn) {
                int and = i + 2;
                while (and < Math.min(ts.size(), i + 7)
                        && ts.get(and).isWord()
                        && !ts.get(and).lower().equals("and")) and++;
                if (and < ts.size() && ts.get(and).lower().equals("and")) i = and;
            }
            if (i < ts.size() && ts.get(i).text().equals(",")) i++;
            if (i < ts.size() && ts.get(i).lower().equals("and")) i++;
            if (i == p.end()) break;
            p = phrase(ts, i);
        }
        return out;
    }

    private static final Set<String> PARTICLES = Set.of("out", "up", "off", "forth", "down");
    private static final Set<String> WHERE = Set.of("on", "in", "at", "round", "around", "over", "under");

    /** Words that end the noun phrase said of a character: a new clause begins. */
    private static final Set<String> CLAUSE_WORDS =
            Set.of("who", "whom", "whose", "that", "which", "and", "but", "when", "while", "as", "because", "to");

    /** Verbs that end a noun phrase before a thing it names: what follows is what something became. */
    private static final Set<String> LINKING_VERBS =
            Set.of("became", "become", "becomes", "was", "were", "is", "are", "turned", "grew", "seemed", "looked");

    /** Prepositions that put the thing a phrase names after someone else's noun, not at its head. */
    private static final Set<String> INNER_PREPOSITIONS =
            Set.of("against", "about", "for", "from", "without", "into", "upon", "by", "at", "in", "on", "to");

    private static final Set<String> UNCOUNTED = Set.of("armour", "armor", "apparel", "finery", "thread", "chalk");

    /** Heads that say nothing of a look without a describing word. */
    private static final Set<String> GENERIC_THINGS =
            Set.of("clothes", "clothing", "garment", "garments", "apparel", "face");

    /** A noun phrase of looks at k: determiner, describing words, a head noun it knows, "of"/"with" and more. */
    private static Phrase phrase(List<WordToken> ts, int k) {
        int i = k;
        String det = null;
        if (i < ts.size() && DETERMINERS.contains(ts.get(i).lower()))
            det = ts.get(i++).lower();
        // "the same faded green tracksuit she had worn for every final": a faded green tracksuit
        if (det != null && i < ts.size() && ts.get(i).lower().equals("same")) i++;
        // "Pip gave him his own scarf": a scarf
        if (det != null && i < ts.size() && ts.get(i).lower().equals("own")) i++;
        // "a pair of scissors": the pair is how many, the scissors the thing
        if (det != null
                && A_OR_THE.contains(det)
                && i + 2 < ts.size()
                && ts.get(i).lower().equals("pair")
                && ts.get(i + 1).lower().equals("of")) {
            det = det + " pair of";
            i += 2;
        }
        List<String> words = new ArrayList<>();
        String head = null;
        int unknown = 0, end = -1;
        boolean plural = false;
        for (; i < ts.size() && ts.get(i).isWord() && words.size() < 6; i++) {
            String w = ts.get(i).lower();
            // "his father's ledger": an owner inside the phrase
            if (i + 2 < ts.size()
                    && ts.get(i + 1).kind() == WordToken.Kind.POSSESSIVE
                    && !ts.get(i).capitalised()) {
                words.add(w + "'s");
                i++;
                continue;
            }
            String singular = singularKnown(w);
            // "a red bow tie", "a guitar case": a thing's name before a garment or a thing describes it
            String next = i + 1 < ts.size() && ts.get(i + 1).isWord()
                    ? singularKnown(ts.get(i + 1).lower())
                    : null;
            if (singular != null
                    && next != null
                    && (GARMENTS.contains(next) || HEADWEAR.contains(next) || OBJECTS.contains(next))) {
                words.add(w);
                continue;
            }
            if (singular != null) {
                words.add(w);
                head = singular;
                plural = !singular.equals(w);
                int more = i + 1; // "slippers of glass", "a dagger with a silver hilt", "a bag full of gold"
                List<String> tail = new ArrayList<>();
                if (more + 2 < ts.size()
                        && ts.get(more).lower().equals("full")
                        && ts.get(more + 1).lower().equals("of"))
                    tail.add(ts.get(more++).lower());
                // "Mirela's cloak with her staff": a with-phrase of someone's own is what is done with it
                // ("a navy uniform with a lantern in her hand": a thing held with a garment is no part of it)
                if (more + 1 < ts.size()
                        && List.of("of", "with").contains(ts.get(more).lower())
                        && !List.of("his", "her", "their", "its", "my", "your")
                                .contains(ts.get(more + 1).lower())
                        && heldWith(ts, more, singular) == null) {
                    tail.add(ts.get(more).lower());
                    int q = more + 1;
                    if (DETERMINERS.contains(ts.get(q).lower()))
                        tail.add(ts.get(q++).lower());
                    while (q < ts.size()
                            && ts.get(q).isWord()
                            && DESCRIBING.contains(ts.get(q).lower()))
                        tail.add(ts.get(q++).lower());
                    // "my red velvet suit with French trimming": a capitalised word describes the next one
                    if (q + 1 < ts.size()
                            && ts.get(q).capitalised()
                            && ts.get(q + 1).isWord()
                            && !ts.get(q + 1).capitalised()
                            && !CLAUSE_WORDS.contains(ts.get(q + 1).lower()))
                        tail.add(ts.get(q++).text());
                    if (q < ts.size()
                            && ts.get(q).isWord()
                            && !ts.get(q).capitalised()
                            && !Lexicon.isPersonNoun(ts.get(q).lower())
                            && !CLAUSE_WORDS.contains(ts.get(q).lower())
                            && !List.of("right", "left").contains(ts.get(q).lower()) // "with the right" hand
                            // ("a purse of gold he had about him": a clause's subject)
                            && !List.of("him", "her", "them", "it", "me", "us", "you", "he", "she", "they", "we", "i")
                                    .contains(ts.get(q).lower())) {
                        tail.add(ts.get(q).lower());
                        // "the disguise of an oil merchant": the one it makes them look like; "his magic books of
                        // a wonderful lamp": a word before a thing it knows describes that thing
                        if (q + 1 < ts.size()
                                && ts.get(q + 1).isWord()
                                && (Lexicon.isPersonNoun(ts.get(q + 1).lower())
                                        || singularKnown(ts.get(q + 1).lower()) != null))
                            tail.add(ts.get(++q).lower());
                        words.addAll(tail);
                        end = q + 1;
                    } else if (tail.stream().anyMatch(DESCRIBING::contains)) { // "slippers of spangled silk"
                        words.addAll(tail);
                        end = q;
                    }
                }
                if (end < 0) end = i + 1;
                break;
            }
            // "a locked briefcase", "a fire bucket": a word it does not know may still describe a known thing;
            // "a gold and silver dress": "and" between two describing words
            boolean plain = DESCRIBING.contains(w)
                    || w.contains("-")
                    || (w.equals("and")
                            && !words.isEmpty()
                            && DESCRIBING.contains(words.get(words.size() - 1))
                            && i + 1 < ts.size()
                            && DESCRIBING.contains(ts.get(i + 1).lower()));
            if (LINKING_VERBS.contains(w)) return null; // "the patches became threads of gold"
            if (!plain
                    && (++unknown > 2
                            || ts.get(i).capitalised()
                            || CLAUSE_WORDS.contains(w)
                            || INNER_PREPOSITIONS.contains(w) // "the King's proclamation against spindles"
                            || DETERMINERS.contains(w)
                            || Lexicon.isPersonNoun(w))) return null;
            words.add(w);
        }
        if (head == null) return null;
        // "a beard a yard long", "hair two feet long": how long it is says a look
        if (words.size() == 1 && (HAIR.contains(head) || BEARD.contains(head))) {
            int q = end;
            if (q + 2 < ts.size()
                    && (A_OR_THE.contains(ts.get(q).lower()) || isAge(ts.get(q)))
                    && LENGTHS.contains(ts.get(q + 1).lower())
                    && ts.get(q + 2).lower().equals("long")) {
                words.add(CharacterFinder.joinLower(ts, q, q + 3));
                end = q + 3;
            }
        }
        // "her clothes", "her hair": a bare noun says nothing of a look
        if (words.size() == 1
                && (GENERIC_THINGS.contains(head)
                        || HAIR.contains(head)
                        || BEARD.contains(head)
                        || SKIN.contains(head))) return null;
        boolean indefinite =
                det != null && (det.equals("a") || det.equals("an") || det.equals("pair") || det.endsWith(" pair of"));
        String text = String.join(" ", words);
        boolean countable = !plural
                && !head.endsWith("s")
                && !HAIR.contains(head)
                && !SKIN.contains(head)
                && !UNCOUNTED.contains(head);
        if (indefinite) text = det + " " + text;
        else if (text.contains("'s ")) text = det == null ? text : det + " " + text; // "his father's ledger"
        else if (countable && (OBJECTS.contains(head) || GARMENTS.contains(head) || HEADWEAR.contains(head)))
            text = article(text) + " " + text; // "drew her dagger" → "a dagger"
        return new Phrase(text, head, end);
    }

    private static final Set<String> LENGTHS = Set.of("yard", "yards", "foot", "feet", "inch", "inches", "ell", "ells");

    /** The known head a word is, as written or as the singular of a plural ("sabres" → "sabre"), or null. */
    private static String singularKnown(String w) {
        if (known(w)) return w;
        // "liveries": livery
        if (w.endsWith("ies") && known(w.substring(0, w.length() - 3) + "y"))
            return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("es") && known(w.substring(0, w.length() - 2))) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && known(w.substring(0, w.length() - 1))) return w.substring(0, w.length() - 1);
        return null;
    }

    /** A thing worn or carried: a garment, headwear or an object the cues know. */
    public static boolean isThing(String head) {
        return GARMENTS.contains(head) || HEADWEAR.contains(head) || OBJECTS.contains(head);
    }

    private static boolean known(String w) {
        return HAIR.contains(w)
                || BEARD.contains(w)
                || SKIN.contains(w)
                || HEADWEAR.contains(w)
                || GARMENTS.contains(w)
                || OBJECTS.contains(w);
    }

    private static String kindOf(String head) {
        if (HAIR.contains(head)) return "hair";
        if (BEARD.contains(head)) return "beard";
        if (SKIN.contains(head)) return "skin";
        if (HEADWEAR.contains(head)) return "headwear";
        if (GARMENTS.contains(head)) return "clothing";
        return "object";
    }
}

package lemon.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lemon.story.Gender;

/** Word lists the rule-based analyst relies on. All entries are lower case. */
final class Lexicon {
    private Lexicon() {}

    /** Singular nouns that denote a person (or a speaking animal) in tales, with their gender. */
    static final Map<String, Gender> PERSON_NOUNS = new HashMap<>();

    /** Person nouns that are animals: they act and speak in tales, but are never kin to people. */
    static final Set<String> ANIMALS = Set.of(
            "bear",
            "wolf",
            "fox",
            "frog",
            "cat",
            "unicorn",
            "boar",
            "toad",
            "raven",
            "bird",
            "dove",
            "lamb",
            "duck",
            "eagle",
            "dragon",
            "lion",
            "fish",
            // the speaking beasts of fables
            "hare",
            "rabbit",
            "owl",
            "tortoise",
            "turtle",
            "hedgehog",
            "badger",
            "squirrel",
            "crow",
            "magpie",
            "tiger",
            "elephant",
            "crocodile",
            "beaver",
            "mole",
            "stork",
            "heron",
            "fly",
            "bee");

    /**
     * Machines that act as a beast of the tales does: a character by the noun ("the robot said"), with no sex, painted
     * as what it is, not as a man or a woman.
     */
    static final Set<String> MACHINES = Set.of("robot", "android", "droid", "automaton");

    /** Machines a story keeps about the place: one it names is a character ("The ship's computer was called ORLA"). */
    static final Set<String> KEPT_MACHINES = Set.of("computer");

    /**
     * Beasts a tale keeps about the place (a horse ridden, a goose plucked): not characters by their noun alone,
     * but one the story names is that animal ("the Princess's horse was called Falada", "a goat whose name was
     * Duchess"), and is painted as one.
     */
    static final Set<String> KEPT_ANIMALS = Set.of(
            "horse",
            "mare",
            "pony",
            "goat",
            "dog",
            "hound",
            "puppy",
            "kitten",
            "cow",
            "pig",
            "donkey",
            "ass",
            "mule",
            "camel",
            "goose",
            "hen",
            "cock",
            "mouse",
            "rat",
            "sheep",
            "ox",
            "parrot",
            "monkey",
            "swan",
            "snake",
            "terrier",
            "spaniel",
            "collie",
            "sheepdog",
            "poodle",
            "retriever",
            "greyhound",
            "beagle",
            "stallion",
            "foal",
            "colt");

    private static Set<String> set(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words)); // tolerates repeats, unlike Set.of
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    private static void nouns(Gender g, String... words) {
        for (String w : words) PERSON_NOUNS.put(w, g);
    }

    static {
        for (String animal : ANIMALS) PERSON_NOUNS.put(animal, Gender.UNKNOWN);
        for (String machine : MACHINES) PERSON_NOUNS.put(machine, Gender.UNKNOWN);
        nouns(
                Gender.MALE,
                "headman",
                "countryman",
                "king",
                "prince",
                "man",
                "boy",
                "father",
                "son",
                "brother",
                "husband",
                "lord",
                "sultan",
                "emperor",
                "duke",
                "knight",
                "uncle",
                "nephew",
                "grandfather",
                "grandson",
                "gentleman",
                "fellow",
                "lad",
                "youth", // "a youth" is a young man: "The youth's name was Curdken"
                "bridegroom",
                "groom",
                "fiancé", // "Her fiancé, Daniel," is a man
                "fiance",
                "monk",
                "friar",
                "huntsman",
                "horseman",
                "fisherman",
                "woodman",
                "woodsman",
                "nobleman",
                "wizard",
                "sorcerer",
                "stepfather",
                "caliph",
                "emir",
                "master",
                "squire",
                "father-in-law",
                "brother-in-law",
                "son-in-law",
                "old man",
                "king's son",
                "shepherd-boy",
                "stepson",
                "footman",
                "coachman",
                "page",
                "boatman",
                "ferryman");
        nouns(
                Gender.FEMALE,
                "queen",
                "princess",
                "woman",
                "girl",
                "mother",
                "daughter",
                "sister",
                "wife",
                "lady",
                "maiden",
                "maid",
                "witch",
                "enchantress",
                "stepmother",
                "stepsister",
                "godmother",
                "widow",
                "grandmother",
                "granddaughter",
                "aunt",
                "niece",
                "bride",
                "fiancée",
                "fiancee",
                "nurse",
                "sorceress",
                "mistress",
                "housekeeper",
                "duchess",
                "countess",
                "empress",
                "sultana",
                "stepdaughter",
                "damsel",
                "lass",
                "hag",
                "nun",
                "goose-girl",
                "mother-in-law",
                "sister-in-law",
                "daughter-in-law",
                "fairy",
                "ogress",
                "cook-maid",
                "waiting-maid",
                "chambermaid",
                "handmaid",
                "servant-girl",
                "craftswoman");
        nouns(
                Gender.UNKNOWN,
                "clerk",
                "ambassador",
                "bearer",
                "butler",
                "slaughterer",
                "tailor",
                "giant",
                "dwarf",
                "miller",
                "shoemaker",
                "cobbler",
                "baker",
                "butcher",
                "merchant",
                "boxer",
                "captain",
                "robber",
                "thief",
                "slave",
                "servant",
                "woodcutter",
                "hunter",
                "soldier",
                "guard",
                "magician",
                "genie",
                "vizier",
                "peasant",
                "farmer",
                "shepherd",
                "cook",
                "messenger",
                "stranger",
                "beggar",
                "child",
                "baby",
                "physician",
                "doctor",
                "judge",
                "executioner",
                "porter",
                "jeweller",
                "goldsmith",
                "innkeeper",
                "landlord",
                "host",
                "guest",
                "comrade",
                "companion",
                "coachman",
                "gardener",
                "steward",
                "minister",
                "ogre",
                "troll",
                "djinn",
                "jinn",
                "demon",
                "imp",
                "elf",
                "goblin",
                "old woman",
                "orphan",
                "godfather",
                "godchild",
                "sentinel",
                "watchman",
                "tinker",
                "smith",
                "blacksmith",
                "carpenter",
                "fiddler",
                "musician",
                "prisoner",
                "slave-girl",
                "fellow-slave",
                "hermit",
                "dervish",
                "pedlar",
                "cousin",
                "friend",
                "neighbour",
                "neighbor",
                "old fairy");
        // trades, ranks and beings a story written today may name as readily as the tales do ("a poor weaver")
        nouns(
                Gender.UNKNOWN,
                "weaver",
                "potter",
                "spinner",
                "mason",
                "tanner",
                "cooper",
                "goatherd",
                "swineherd",
                "cowherd",
                "miner",
                "brewer",
                "locksmith",
                "shopkeeper",
                "priest",
                "bishop",
                "scholar",
                "student",
                "teacher",
                "herald",
                "jester",
                "minstrel",
                "bard",
                "pirate",
                "smuggler",
                "bandit",
                "highwayman",
                "poacher",
                "gamekeeper",
                "keeper", // "Old Magnus Tulloch was the keeper now"
                "skipper",
                "forester",
                "trapper",
                "trader",
                "peddler",
                "dyer",
                "glassblower",
                "painter",
                "sculptor",
                "builder",
                "thatcher",
                "reaper",
                "mayor",
                "burgomaster",
                "lawyer",
                "constable",
                "detective",
                "inspector",
                "sergeant",
                "colonel",
                "lieutenant",
                "admiral",
                "nymph",
                "charcoal-burner",
                "heir",
                "apprentice",
                "journeyman",
                "rider",
                "courtier",
                "twin",
                "schoolteacher",
                "driver",
                "conductor",
                "stationmaster",
                "engineer",
                "pilot",
                "mechanic",
                "plumber",
                "electrician",
                "chef",
                "tutor",
                "librarian",
                "grocer",
                "vicar",
                // an office's and a quest's ("an elf archer", "the intern"); an officer is StoryCues.OFFICERS'
                "archer",
                "intern",
                "manager",
                "scientist",
                "accountant",
                // a mountain's ("three guides led by Marco Bellini", "two climbers knocked at the door")
                "guide",
                "climber",
                "mountaineer",
                "ranger",
                // common trades found missing ("Carl Voss, a young sailor in a blue coat"; rarer ones, "a developer
                // named Farid", are read by their shape: CharacterFinder.namedKinds, NamedRoles)
                "sailor",
                "pupil",
                "banker",
                "professor",
                "nanny",
                "singer",
                "dancer",
                "artist",
                "writer",
                "poet",
                "actor",
                "barber",
                "surgeon",
                "dentist",
                "senator",
                "courier",
                "spy",
                "traveller",
                "traveler",
                "pilgrim");
        nouns(
                Gender.MALE,
                "herdsman",
                "ploughman",
                "abbot",
                "enchanter",
                "policeman",
                "stable-boy",
                "widower",
                "schoolmaster",
                "headmaster",
                "postman",
                "signalman",
                "waiter");
        nouns(
                Gender.FEMALE,
                "schoolmistress",
                "headmistress",
                "postmistress",
                "waitress",
                "seamstress",
                "midwife",
                "washerwoman",
                "milkmaid",
                "dairymaid",
                "governess",
                "actress",
                "landlady",
                "baroness",
                "mermaid",
                "giantess",
                "crone",
                "maidservant",
                "heiress",
                "noblewoman",
                "peasant-woman");
    }

    /** Words that make "a cheerful giant" a big man, not a giant of the tales. */
    static final Set<String> KINDLY =
            Set.of("cheerful", "jolly", "gentle", "kind", "kindly", "friendly", "genial", "amiable", "smiling");

    /** Things made in an animal's shape, after the animal's word: "a dragon kite", "the swan boat". */
    static final Set<String> MADE_THINGS = Set.of(
            "kite",
            "kites",
            "costume",
            "mask",
            "statue",
            "toy",
            "puppet",
            "balloon",
            "lantern",
            "boat",
            "float",
            "figurehead",
            "carving",
            "doll",
            "brooch",
            "weathervane",
            "sculpture",
            "banner",
            "flag",
            "cake");

    /** Whether a noun, singular or plural, names an animal ("turtle-doves", "the bear"). */
    static boolean isAnimal(String noun) {
        return animalOf(noun) != null;
    }

    /** The animal a noun names, in the singular ("turtle-doves" → "turtle-dove", "bear"); null for none. */
    static String animalOf(String noun) {
        int dash = noun.lastIndexOf('-'); // "turtle-doves": the plural is the last part's
        String w = noun.substring(dash + 1), singular = singularOfPlural(w);
        java.util.function.Predicate<String> beast = x ->
                ANIMALS.contains(x) || KEPT_ANIMALS.contains(x) || MACHINES.contains(x) || KEPT_MACHINES.contains(x);
        if (beast.test(w)) return noun;
        return singular != null && beast.test(singular) ? noun.substring(0, dash + 1) + singular : null;
    }

    private static final Set<String> BIRDS = set(
            "bird",
            "dove",
            "turtle-dove",
            "duck",
            "raven",
            "eagle",
            "goose",
            "hen",
            "cock",
            "swan",
            "owl",
            "crow",
            "sparrow",
            "parrot",
            "pigeon",
            "linnet",
            "magpie",
            "stork",
            "heron",
            "falcon",
            "hawk",
            "gull",
            "robin");

    /** A feathered beast ("dove", "raven"): its coat is feathers, not fur. */
    static boolean isBird(String animal) {
        return animal != null && BIRDS.contains(animal);
    }

    /**
     * A kind word → the animals of that kind a tale may call by it: "the good bird" just after "the duck"
     * is the duck ({@link CharacterFinder}).
     */
    static final Map<String, Set<String>> KINDS = Map.of("bird", set("duck", "dove", "raven", "eagle"));

    /** Person nouns that need an owner to say who they are ("his wife", "the king's son"). */
    static final Set<String> RELATIONAL = set(
            "wife",
            "husband",
            "fiancé",
            "fiancée",
            "fiance",
            "fiancee",
            "son",
            "daughter",
            "brother",
            "sister",
            "mother",
            "father",
            "stepmother",
            "stepfather",
            "stepsister",
            "stepdaughter",
            "stepson",
            "uncle",
            "aunt",
            "nephew",
            "niece",
            "grandmother",
            "grandfather",
            "grandson",
            "granddaughter",
            "bride",
            "bridegroom",
            "master",
            "mistress",
            "servant",
            "slave",
            "maid",
            "friend",
            "widow",
            "godmother",
            "godfather",
            "nurse",
            "mother-in-law",
            "father-in-law",
            "son-in-law",
            "daughter-in-law",
            "sister-in-law",
            "brother-in-law",
            "child",
            "cousin",
            "comrade",
            "companion",
            "guest",
            "housekeeper",
            "fellow-slave");

    /** Heads that name nobody in particular unless an adjective pins them down ("old woman"). */
    static final Set<String> GENERIC = set(
            "man",
            "woman",
            "boy",
            "girl",
            "child",
            "fellow",
            "person",
            "youth",
            "lad",
            "lass",
            "baby",
            "stranger",
            "friend",
            "guest");

    /** Ordinals that single one member out of a counted group ("the thirteenth fairy", "the second son"). */
    static final Set<String> ORDINALS = set(
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth");

    /** Adjectives that may precede a person noun in a descriptive phrase ("the little tailor"). */
    static final Set<String> ADJECTIVES = union(
            set(
                    "little",
                    "old",
                    "young",
                    "eldest",
                    "youngest",
                    "elder",
                    "younger",
                    "oldest",
                    "wicked",
                    "poor",
                    "good",
                    "beautiful",
                    "proud",
                    "ugly",
                    "rich",
                    "cruel",
                    "clever",
                    "brave",
                    "valiant",
                    "faithful",
                    "wise",
                    "kind",
                    "great",
                    "wild",
                    "fair",
                    "dear",
                    "evil",
                    "false",
                    "true",
                    "lovely",
                    "pretty",
                    "handsome",
                    "noble",
                    "royal",
                    "gracious",
                    "aged",
                    "african",
                    "wretched",
                    "unhappy",
                    "happy",
                    "honest",
                    "jolly",
                    "wonderful",
                    "strange",
                    "fat",
                    "tall",
                    "fierce",
                    "cunning",
                    "jealous",
                    "grateful",
                    "gentle",
                    "sweet",
                    "lame",
                    "blind",
                    "fine",
                    "mighty",
                    "real",
                    "same",
                    "other"),
            ORDINALS);

    /** Adjectives that tell two people with the same head noun apart ("the eldest son"). */
    static final Set<String> DISTINGUISHING =
            union(set("eldest", "youngest", "elder", "younger", "oldest", "old", "young", "little"), ORDINALS);

    /** Capitalised words that head a name as a title ("King Thrushbeard", "Dame Gothel"). */
    static final Set<String> TITLES = set(
            "king",
            "queen",
            "prince",
            "princess",
            "lord",
            "lady",
            "sir",
            "dame",
            "mr",
            "mrs",
            "miss",
            "ms",
            "dr",
            "saint",
            "st",
            "sultan",
            "caliph",
            "vizier",
            "emperor",
            "empress",
            "master",
            "mistress",
            "mother",
            "father",
            "brother",
            "sister",
            "uncle",
            "aunt",
            "captain",
            // "Inspector Ruth Calloway … the inspector": ranks of the police, the courts and the army said before a
            // name as a captain's is (not "Major", "General" or "Admiral", which are common words or names too)
            "inspector",
            "detective",
            "sergeant",
            "constable",
            "sheriff",
            "marshal",
            "lieutenant",
            "colonel",
            "commander",
            "judge",
            "mayor",
            "count",
            "duke",
            "baron",
            "madam",
            "madame",
            "monsieur",
            "don",
            "donna",
            // "Coach Mensah": a title only before a name; "the coach" of the tales is a carriage
            "coach",
            "professor",
            "reverend",
            "rev",
            "pastor",
            "rabbi",
            "imam");

    static final Set<String> DETERMINERS =
            set("the", "this", "that", "a", "an", "his", "her", "their", "my", "your", "our", "its");

    static final Set<String> POSSESSIVE_PRONOUNS = set("his", "her", "their", "my", "your", "our", "its");

    static final Set<String> MALE_PRONOUNS = set("he", "him", "his", "himself");
    static final Set<String> FEMALE_PRONOUNS = set("she", "her", "hers", "herself");
    /** The narrator's words in a first-person story, outside quoted speech. */
    static final Set<String> FIRST_PERSON = set("i", "me", "my", "myself", "mine");

    /** Capitalised words that are never a character name. */
    static final Set<String> NOT_NAMES = set(
            // function words, pronouns, interjections that start sentences or speech
            "everyone",
            "everybody",
            "anyone",
            "anybody",
            "someone",
            "somebody",
            "nobody",
            "no-one",
            "a",
            "an",
            "the",
            "and",
            "but",
            "or",
            "nor",
            "for",
            "so",
            "yet",
            "then",
            "now",
            "when",
            "while",
            "as",
            "if",
            "though",
            "although",
            "because",
            "since",
            "after",
            "before",
            "until",
            "till",
            "once",
            "there",
            "here",
            "where",
            "what",
            "who",
            "whom",
            "whose",
            "which",
            "why",
            "how",
            "this",
            "that",
            "these",
            "those",
            "it",
            "its",
            "i",
            "me",
            "my",
            "mine",
            "we",
            "us",
            "our",
            "you",
            "your",
            "yours",
            "he",
            "him",
            "his",
            "she",
            "her",
            "they",
            "them",
            "their",
            "o",
            "oh",
            "ah",
            "alas",
            "yes",
            "no",
            "not",
            "well",
            "nay",
            "ay",
            "aye",
            "hi",
            "ho",
            "hey",
            "hush",
            "hallo",
            "hello",
            "good",
            "come",
            "go",
            "see",
            "look",
            "let",
            "do",
            "be",
            "at",
            "in",
            "on",
            "of",
            "to",
            "from",
            "with",
            "by",
            "up",
            "all",
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
            "forty",
            "hundred",
            "thousand",
            "some",
            "every",
            "each",
            "any",
            "many",
            "much",
            "very",
            "only",
            "even",
            "still",
            "again",
            "soon",
            "at",
            "into",
            "upon",
            "out",
            "off",
            "over",
            "under",
            "away",
            "never",
            "ever",
            "perhaps",
            "indeed",
            "thus",
            "meanwhile",
            "next",
            "last",
            "first",
            "shut",
            "open",
            "dear",
            "pray",
            "farewell",
            "adieu",
            "welcome",
            "thank",
            "thanks",
            "sir",
            "madam",
            "mr",
            "mrs",
            "miss",
            "ms",
            "dr",
            "st",
            "chapter",
            "part",
            "end",
            "note",
            "illustration",
            "mister",
            // religion, personifications, calendar
            "god",
            "lord",
            "heaven",
            "heavens",
            "allah",
            "christ",
            "jesus",
            "providence",
            "fortune",
            "nature",
            "death",
            "devil",
            "satan",
            "paradise",
            "hell",
            "christmas",
            "easter",
            "sunday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "today",
            "tomorrow",
            "tonight",
            "yesterday",
            // common places of the tales
            "persia",
            "china",
            "africa",
            "arabia",
            "bagdad",
            "baghdad",
            "india",
            "egypt",
            "paris",
            "london",
            "england",
            "france",
            "germany",
            "rome",
            "europe",
            "asia",
            "turkey",
            "spain",
            "italy",
            "greece",
            "cairo",
            "damascus",
            "jerusalem",
            "mecca");

    /** Verbs that, right after a capitalised word, suggest the word names an agent. */
    /** How a person is, said with "was": "Felix was nervous", never "Humidity was high". */
    static final Set<String> MOODS = set(
            "nervous",
            "afraid",
            "happy",
            "sad",
            "angry",
            "glad",
            "tired",
            "hungry",
            "frightened",
            "scared",
            "worried",
            "delighted",
            "furious",
            "jealous",
            "ashamed",
            "curious",
            "lonely",
            "brave",
            "kind",
            "cruel",
            "wise",
            "foolish",
            "clever",
            "sorry",
            "pleased",
            "surprised",
            "thirsty",
            "asleep",
            "awake");

    static final Set<String> AGENT_VERBS = set(
            "said",
            "says",
            "cried",
            "replied",
            "answered",
            "asked",
            "told",
            "was",
            "had",
            "went",
            "came",
            "saw",
            "took",
            "ran",
            "gave",
            "made",
            "found",
            "thought",
            "knew",
            "began",
            "did",
            "would",
            "could",
            "should",
            "will",
            "shall",
            "might",
            "must",
            "got",
            "put",
            "sat",
            "stood",
            "felt",
            "heard",
            "left",
            "brought",
            "bought",
            "sold",
            "fell",
            "rose",
            "wept",
            "slept",
            "spoke",
            "sang",
            "drew",
            "threw",
            "held",
            "kept",
            "lay",
            "let",
            "led",
            "meant",
            "met",
            "paid",
            "ran",
            "sent",
            "set",
            "shook",
            "struck",
            "swore",
            "taught",
            "tore",
            "understood",
            "woke",
            "wore",
            "won",
            "wrote",
            "became",
            "bade",
            "fled",
            "forgot",
            "hid",
            "laughed",
            "lived",
            "looked",
            "loved",
            "married",
            "opened",
            "shouted",
            "sighed",
            "smiled",
            "turned",
            "walked",
            "wanted",
            "whispered",
            "also",
            "then",
            "himself",
            "herself",
            "who",
            "alone",
            "now",
            "too",
            "instantly",
            "immediately");

    /** Words after a capitalised word that speak for it naming a person ("said Cassim"). */
    static final Set<String> NAMING_CUES = set(
            "said",
            "cried",
            "replied",
            "answered",
            "asked",
            "named",
            "called",
            "whispered",
            "shouted",
            "exclaimed",
            "continued",
            "returned",
            "added",
            "thought");

    /** A naming cue, or its present tense ("'If it ever comes,' says Nell"). */
    static boolean isNamingCue(String w) {
        return NAMING_CUES.contains(w) || pastOfPresent(w, NAMING_CUES) != null;
    }

    /** A verb of people, or its present tense: a story told in the present ("Nell asks", "Albert smiles"). */
    static boolean isAnimateVerb(String w) {
        return ANIMATE_VERBS.contains(w) || pastOfPresent(w, ANIMATE_VERBS) != null;
    }

    /** The present's irregular pasts among the verbs of people. */
    private static final Map<String, String> IRREGULAR_PASTS = Map.ofEntries(
            Map.entry("comes", "came"),
            Map.entry("goes", "went"),
            Map.entry("sits", "sat"),
            Map.entry("stands", "stood"),
            Map.entry("takes", "took"),
            Map.entry("gives", "gave"),
            Map.entry("sees", "saw"),
            Map.entry("runs", "ran"),
            Map.entry("eats", "ate"),
            Map.entry("drinks", "drank"),
            Map.entry("sings", "sang"),
            Map.entry("speaks", "spoke"),
            Map.entry("knows", "knew"),
            Map.entry("finds", "found"),
            Map.entry("hears", "heard"),
            Map.entry("feels", "felt"),
            Map.entry("wakes", "woke"),
            Map.entry("sleeps", "slept"),
            Map.entry("tells", "told"),
            Map.entry("thinks", "thought"),
            Map.entry("weeps", "wept"),
            Map.entry("meets", "met"),
            Map.entry("hides", "hid"),
            Map.entry("flees", "fled"),
            Map.entry("writes", "wrote"),
            Map.entry("kneels", "knelt"),
            Map.entry("wears", "wore"),
            Map.entry("fights", "fought"),
            Map.entry("teaches", "taught"),
            Map.entry("catches", "caught"),
            Map.entry("throws", "threw"),
            Map.entry("rides", "rode"),
            Map.entry("drives", "drove"),
            Map.entry("sells", "sold"),
            Map.entry("buys", "bought"),
            Map.entry("pays", "paid"));

    /** The past among {@code pasts} whose present in -s is {@code w} ("asks" → "asked"), or null. */
    private static String pastOfPresent(String w, Set<String> pasts) {
        if (!w.endsWith("s") || w.length() < 3) return null;
        if (IRREGULAR_PASTS.containsKey(w))
            return pasts.contains(IRREGULAR_PASTS.get(w)) ? IRREGULAR_PASTS.get(w) : null;
        String stem = w.substring(0, w.length() - 1);
        for (String past : List.of(
                stem + "ed", // asks
                stem + "d", // smiles
                stem.endsWith("e") ? stem.substring(0, stem.length() - 1) + "ed" : "", // watches
                stem.endsWith("ie") ? stem.substring(0, stem.length() - 2) + "ied" : "")) // carries
        if (pasts.contains(past)) return past;
        return null;
    }

    /** Lower-case words inside a name ("Fatima bint Khalid", "Ludwig van Beethoven", "Yusuf ibn Ali"). */
    static final Set<String> NAME_PARTICLES = set(
            "bin", "bint", "ibn", "ben", "abu", "van", "von", "der", "den", "de", "del", "della", "da", "di", "du",
            "la", "le");

    /** Verbs that people do and weather, numbers and dates do not: a name's evidence when nothing else is. */
    static final Set<String> ANIMATE_VERBS = set(
            "said",
            "says",
            "cried",
            "replied",
            "answered",
            "asked",
            "told",
            "thought",
            "knew",
            "laughed",
            "smiled",
            "sighed",
            "wept",
            "married",
            "loved",
            "whispered",
            "shouted",
            "spoke",
            "sang",
            "slept",
            "woke",
            "swore",
            "found",
            "named",
            "carried",
            "gave",
            "took",
            "saw",
            "heard",
            "felt",
            "wanted",
            "walked",
            "ran",
            "went",
            "came",
            "sat",
            "stood",
            "hid",
            "fled",
            "wrote",
            "kissed",
            "nodded",
            "frowned",
            "shrugged",
            "promised",
            "decided",
            "agreed",
            "refused",
            "thanked",
            "begged",
            "lived",
            "met",
            "helped",
            "worked",
            "waited",
            "waved",
            "watched",
            "listened",
            "pointed",
            "ate",
            "drank",
            // what a person of today's stories does ("Felix sold buttons", "Felix obeyed")
            "sold",
            "bought",
            "paid",
            "obeyed",
            "cooked",
            "baked",
            "fried",
            "danced",
            "rode",
            "drove",
            "grinned",
            "winked",
            "blushed",
            "screamed",
            "prayed",
            "dreamed",
            "whistled",
            "giggled",
            "explained",
            "complained",
            "insisted",
            "admitted",
            "apologised",
            "apologized",
            "knelt",
            "bowed",
            "wondered",
            "remembered",
            "forgot",
            "hoped",
            "feared",
            "worried",
            "hugged",
            "cheered",
            "panicked",
            // what only people do with their hands and heads ("Ned wore a green cap", "Osei offered the moons")
            "wore",
            "jumped",
            "fought",
            "taught",
            "learned",
            "read",
            "played",
            "hurried",
            "pleaded",
            "grabbed",
            "offered",
            "pushed",
            "pulled",
            "threw",
            "caught",
            "knocked",
            "scrubbed",
            "swept",
            "kneaded",
            // what a body does that a capitalised thing does not ("Lottie poured whiskey", "Lottie reached" is not:
            // "Temperatures reached forty")
            "poured",
            "looked",
            "stepped",
            "brushed",
            "tapped",
            "stared",
            "glared",
            "leaned",
            "muttered",
            "murmured",
            "gasped",
            "sobbed",
            "chuckled",
            "crept",
            "scowled",
            "yawned",
            "shivered");

    /** Titles that only a person's name follows. */
    /** A word that heads a name as a title, a ruler's ("King", "Captain") or a form of address ("Mrs", "Dr"). */
    static boolean isTitle(String lower) {
        return TITLES.contains(lower) || PERSON_TITLES.contains(lower);
    }

    /** Titles before a name that say its sex ("Mrs Plum", "Sir Hector"), beside the gendered person nouns. */
    static final Set<String> MALE_TITLES = set("mr", "sir", "master");

    static final Set<String> FEMALE_TITLES = set("mrs", "ms", "miss", "madam", "madame", "dame");

    static final Set<String> PERSON_TITLES = set(
            "mr",
            "mrs",
            "ms",
            "miss",
            "sir",
            "dame",
            "lady",
            "lord",
            "madam",
            "master",
            "mistress",
            "dr",
            "doctor",
            "reverend",
            "rev");

    /** Verbs whose object is a person: "met Boris", "told Anna", "saw Carl". */
    static final Set<String> PERSON_OBJECT_VERBS = set(
            "met",
            "saw",
            "told",
            "asked",
            "married",
            "kissed",
            "helped",
            "thanked",
            "loved",
            "followed",
            "greeted",
            "visited",
            "warned",
            "begged",
            "killed",
            "called",
            "answered",
            "sent",
            "gave",
            "watched",
            "hugged",
            "embraced",
            "scolded",
            "praised",
            "comforted",
            "invited",
            "hired",
            "arrested",
            "questioned",
            "interviewed",
            "teased",
            "mocked",
            "obeyed",
            "paid");

    /** The verbs of "a man named X", "a bodyguard called Dacre". */
    static final Set<String> NAMING_VERBS = set("named", "called");

    /** Whether the words right before k tell a name: "Her name was |Vivian", "the youth's name is |Curdken". */
    static boolean nameToldBefore(List<WordToken> ts, int k) {
        return k >= 2
                && k <= ts.size()
                && ts.get(k - 2).lower().equals("name")
                && (ts.get(k - 1).lower().equals("was") || ts.get(k - 1).lower().equals("is"));
    }

    /** Subordinating words: a clause they open is background, not the scene's action. */
    static final Set<String> SUBORDINATORS = set(
            "when",
            "as",
            "while",
            "if",
            "though",
            "although",
            "because",
            "since",
            "after",
            "before",
            "until",
            "till",
            "who",
            "which",
            "that",
            "whom",
            "whose",
            "where",
            "whereupon",
            "unless",
            "whether",
            "lest",
            "so",
            "but",
            "for");

    static final Set<String> NUMBERS = set(
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
            "twelve",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "thousand",
            "many",
            "several",
            "some",
            "all");

    /** Verbs of speech right before or after a mention make its character a speaker. */
    static final Set<String> SPEECH_VERBS = set(
            "said",
            "says",
            "saying",
            "cried",
            "replied",
            "answered",
            "asked",
            "exclaimed",
            "whispered",
            "shouted",
            "told",
            "spake",
            "spoke",
            // "he screamed in his screeching voice: …"
            "screamed",
            "shrieked",
            "muttered",
            "murmured",
            "growled",
            "roared",
            "yelled", // "he yelled to them: 'Do you call that manners, you toad-stools!'"
            "bellowed",
            "hissed",
            "grumbled");

    /** "The villagers called it Cinder": whether the capitalised word at i is a name given to an "it". */
    static boolean namedAnIt(List<WordToken> ts, int i) {
        return i > 1
                && ts.get(i - 1).lower().equals("it")
                && NAMING_VERBS.contains(ts.get(i - 2).lower());
    }

    /** Whether a mention outside quotes is the speaker of its sentence: "said the old lady", "the dwarf cried". */
    static boolean speaker(List<WordToken> ts, MentionIndex.Mention m) {
        if (ts.get(m.start()).quoted()) return false;
        int j = m.start() - 1;
        while (j >= 0
                && (DETERMINERS.contains(ts.get(j).lower())
                        || ADJECTIVES.contains(ts.get(j).lower())
                        || DISTINGUISHING.contains(ts.get(j).lower()))) j--;
        if (j >= 0 && SPEECH_VERBS.contains(ts.get(j).lower())) return true;
        return m.end() < ts.size() && SPEECH_VERBS.contains(ts.get(m.end()).lower());
    }

    /** "thieves", "giants", "kings": a group, never one character. */
    static boolean isPersonPlural(String lower) {
        return singularOfPlural(lower) != null;
    }

    /** The person noun a plural is of ("thieves" → "thief", "fairies" → "fairy"), or null. */
    static String singularOfPlural(String lower) {
        List<String> tries = new ArrayList<>();
        if (lower.endsWith("ies")) tries.add(lower.substring(0, lower.length() - 3) + "y");
        if (lower.endsWith("ves")) tries.add(lower.substring(0, lower.length() - 3) + "f");
        if (lower.endsWith("men")) tries.add(lower.substring(0, lower.length() - 3) + "man");
        if (lower.endsWith("es")) tries.add(lower.substring(0, lower.length() - 2));
        if (lower.endsWith("ren")) tries.add(lower.substring(0, lower.length() - 3));
        if (lower.endsWith("s") && !lower.endsWith("ss")) tries.add(lower.substring(0, lower.length() - 1));
        for (String t : tries) if (isPersonNoun(t)) return t;
        return null;
    }

    /** Occupations of unstated sex that tales nearly always give to men; used only when nothing else tells. */
    static final Set<String> USUALLY_MALE = set(
            "coachman",
            "butler",
            "executioner",
            "clerk",
            "vizier",
            "slaughterer",
            "footman",
            "soldier",
            "guard",
            "robber",
            "thief",
            "captain",
            "giant",
            "woodcutter",
            "miller",
            "shoemaker",
            "cobbler",
            "blacksmith",
            "smith",
            "merchant",
            "sailor",
            "hunter",
            "farmer",
            "peasant",
            "shepherd",
            "boar",
            "ogre",
            "dwarf",
            "sentinel",
            "watchman",
            "porter",
            "innkeeper",
            "landlord",
            "carpenter",
            "tinker",
            "fiddler",
            "hermit",
            "dervish",
            "pedlar",
            "genie",
            "magician",
            "sorcerer",
            "jeweller",
            "goldsmith",
            "steward",
            "ambassador",
            "bearer");

    /** The sex a role's head noun ("grand vizier", "the coachman") usually has in tales, else unknown. */
    static Gender usualGender(String role) {
        String r = role == null ? "" : role.strip().toLowerCase(java.util.Locale.ROOT);
        if (r.contains(" of ")) r = r.substring(0, r.indexOf(" of ")); // "clerk of the kitchen"
        String head = r.substring(r.lastIndexOf(' ') + 1);
        if (head.contains("-")) head = head.substring(head.lastIndexOf('-') + 1);
        String singular = singularOfPlural(head); // a group: "forty thieves"
        if (singular != null) head = singular;
        return USUALLY_MALE.contains(head) ? Gender.MALE : Gender.UNKNOWN;
    }

    private static final Map<String, Gender> GIVEN_NAMES = givenNames();

    /** The bundled given names, read once (see the resource's header for what it leaves out). */
    private static Map<String, Gender> givenNames() {
        Map<String, Gender> out = new HashMap<>();
        try (var in = Lexicon.class.getResourceAsStream("given-names.txt")) {
            if (in == null) throw new IllegalStateException("given-names.txt is missing from the shared-model jar");
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.strip().split("\\s+");
                if (f.length != 2 || line.startsWith("#")) continue;
                out.put(f[1], f[0].equals("F") ? Gender.FEMALE : Gender.MALE);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("given-names.txt could not be read from the shared-model jar", e);
        }
        return Map.copyOf(out);
    }

    /** The sex a first name nearly always has ("Anna", "Boris"), else unknown. */
    static Gender givenNameGender(String name) {
        String[] words = name.strip().split("\\s+");
        // "Professor Edith Hale": the given name after the title
        int at = words.length > 1 && isTitle(words[0].toLowerCase(java.util.Locale.ROOT)) ? 1 : 0;
        return GIVEN_NAMES.getOrDefault(words[at].toLowerCase(java.util.Locale.ROOT), Gender.UNKNOWN);
    }

    static Gender genderOf(String noun) {
        Gender g = PERSON_NOUNS.get(noun);
        return g == null ? Gender.UNKNOWN : g;
    }

    /** Places and things ending as trades do, which a story may name: "a tower called Greystone". */
    private static final java.util.Set<String> NAMED_THINGS = java.util.Set.of(
            "river",
            "tower",
            "manor",
            "harbour",
            "harbor",
            "corner",
            "mirror",
            "water",
            "letter",
            "paper",
            "cellar",
            "meadow",
            "center",
            "centre",
            "theater",
            "theatre",
            "shelter",
            "monastery");

    /** "developer", "cardiologist", "librarian", "accountant", "engineer": ends as the words for trades do. */
    static boolean shapedLikeTrade(String w) {
        return w.matches("[a-z]{3,}(er|or|ist|ian|ant|ent|eer|ess|man|woman)")
                && !w.matches(".*(less|ness)") // "careless", "darkness"
                && !NAMED_THINGS.contains(w);
    }

    /**
     * "hideous", "powerful", "noble": a word the lexicon does not know that ends as describing words do (not "-ant"
     * or "-ent": "servant", "merchant", "parent" are people).
     */
    static boolean shapedLikeAdjective(String lower) {
        return lower.matches("[a-z]{3,}(ful|ous|ish|less|ive|ic|al|ble|some)") && !isPersonNoun(lower);
    }

    static boolean isPersonNoun(String lower) {
        if (PERSON_NOUNS.containsKey(lower)) return true;
        int dash = lower.lastIndexOf('-');
        return dash > 0 && PERSON_NOUNS.containsKey(lower.substring(dash + 1));
    }

    /** Head noun of a possibly hyphenated person noun ("fellow-slave" is a "slave"). */
    static Gender genderOfHead(String lower) {
        Gender g = genderOf(lower);
        if (g != Gender.UNKNOWN) return g;
        int dash = lower.lastIndexOf('-');
        return dash > 0 ? genderOf(lower.substring(dash + 1)) : Gender.UNKNOWN;
    }
}

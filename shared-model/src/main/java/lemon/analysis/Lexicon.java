package lemon.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import lemon.model.Gender;

/** Word lists the rule-based analyst relies on. All entries are lower case. */
final class Lexicon {
    private Lexicon() {}

    /** Singular nouns that denote a person (or a speaking animal) in tales, with their gender. */
    static final Map<String, Gender> PERSON_NOUNS = new HashMap<>();

    private static Set<String> set(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words)); // tolerates repeats, unlike Set.of
    }

    private static void nouns(Gender g, String... words) {
        for (String w : words) PERSON_NOUNS.put(w, g);
    }

    static {
        nouns(Gender.MALE, "king", "prince", "man", "boy", "father", "son", "brother", "husband",
                "lord", "sultan", "emperor", "duke", "knight", "uncle", "nephew", "grandfather",
                "gentleman", "fellow", "lad", "bridegroom", "monk", "friar", "huntsman",
                "fisherman", "woodman", "woodsman", "nobleman", "wizard", "sorcerer",
                "stepfather", "caliph", "emir", "master", "squire", "father-in-law",
                "brother-in-law", "son-in-law", "old man", "king's son", "shepherd-boy",
                "stepson", "footman", "coachman", "page", "boatman", "ferryman");
        nouns(Gender.FEMALE, "queen", "princess", "woman", "girl", "mother", "daughter", "sister",
                "wife", "lady", "maiden", "maid", "witch", "enchantress", "stepmother", "stepsister",
                "godmother", "widow", "grandmother", "aunt", "niece", "bride", "nurse", "sorceress",
                "mistress", "housekeeper", "duchess", "countess", "empress", "sultana",
                "stepdaughter", "damsel", "lass", "hag", "nun", "goose-girl", "mother-in-law",
                "sister-in-law", "daughter-in-law", "fairy", "ogress", "cook-maid", "waiting-maid",
                "chambermaid", "handmaid", "servant-girl");
        nouns(Gender.UNKNOWN, "tailor", "giant", "dwarf", "miller", "shoemaker", "cobbler",
                "baker", "butcher", "merchant", "captain", "robber", "thief", "slave", "servant",
                "woodcutter", "hunter", "soldier", "guard", "magician", "genie", "vizier",
                "peasant", "farmer", "shepherd", "cook", "messenger", "stranger", "beggar",
                "child", "baby", "youth", "physician", "doctor", "judge", "executioner", "porter",
                "jeweller", "goldsmith", "innkeeper", "landlord", "host", "guest", "comrade",
                "companion", "coachman", "gardener", "steward", "minister", "ogre", "troll", "elf",
                "goblin", "bear", "wolf", "fox", "frog", "cat", "unicorn", "boar", "toad", "raven",
                "eagle", "dragon", "lion", "old woman", "orphan", "godfather", "godchild",
                "sentinel", "watchman", "tinker", "smith", "blacksmith", "carpenter", "fiddler",
                "musician", "prisoner", "slave-girl", "fellow-slave", "hermit", "dervish", "pedlar",
                "cousin", "friend", "neighbour", "neighbor", "old fairy");
    }

    /** Person nouns that need an owner to say who they are ("his wife", "the king's son"). */
    static final Set<String> RELATIONAL = set(
            "wife", "husband", "son", "daughter", "brother", "sister", "mother", "father",
            "stepmother", "stepfather", "stepsister", "stepdaughter", "stepson", "uncle", "aunt",
            "nephew", "niece", "grandmother", "grandfather", "bride", "bridegroom", "master",
            "mistress", "servant", "slave", "maid", "friend", "widow", "godmother", "godfather",
            "nurse", "mother-in-law", "father-in-law", "son-in-law", "daughter-in-law",
            "sister-in-law", "brother-in-law", "child", "cousin", "comrade", "companion", "guest",
            "housekeeper", "fellow-slave");

    /** Heads that name nobody in particular unless an adjective pins them down ("old woman"). */
    static final Set<String> GENERIC = set(
            "man", "woman", "boy", "girl", "child", "fellow", "person", "youth", "lad", "lass",
            "baby", "stranger", "friend", "guest");

    /** Adjectives that may precede a person noun in a descriptive phrase ("the little tailor"). */
    static final Set<String> ADJECTIVES = set(
            "little", "old", "young", "eldest", "youngest", "elder", "younger", "oldest", "second",
            "third", "first", "wicked", "poor", "good", "beautiful", "proud", "ugly", "rich",
            "cruel", "clever", "brave", "valiant", "faithful", "wise", "kind", "great", "wild",
            "fair", "dear", "evil", "false", "true", "lovely", "pretty", "handsome", "noble",
            "royal", "gracious", "aged", "african", "wretched", "unhappy", "happy", "honest",
            "jolly", "wonderful", "strange", "fat", "tall", "fierce", "cunning", "jealous",
            "grateful", "gentle", "sweet", "lame", "blind", "fine", "mighty", "real", "same",
            "other");

    /** Adjectives that tell two people with the same head noun apart ("the eldest son"). */
    static final Set<String> DISTINGUISHING = set(
            "eldest", "youngest", "elder", "younger", "oldest", "second", "third", "first", "old",
            "young", "little");

    /** Capitalised words that head a name as a title ("King Thrushbeard", "Dame Gothel"). */
    static final Set<String> TITLES = set(
            "king", "queen", "prince", "princess", "lord", "lady", "sir", "dame", "mr", "mrs",
            "miss", "ms", "dr", "saint", "st", "sultan", "caliph", "vizier", "emperor", "empress",
            "master", "mistress", "mother", "father", "brother", "sister", "uncle", "aunt",
            "captain", "count", "duke", "baron", "madam", "madame", "monsieur", "don", "donna");

    static final Set<String> DETERMINERS = set(
            "the", "this", "that", "a", "an", "his", "her", "their", "my", "your", "our", "its");

    static final Set<String> POSSESSIVE_PRONOUNS = set("his", "her", "their", "my", "your",
            "our", "its");

    static final Set<String> MALE_PRONOUNS = set("he", "him", "his", "himself");
    static final Set<String> FEMALE_PRONOUNS = set("she", "her", "hers", "herself");

    /** Capitalised words that are never a character name. */
    static final Set<String> NOT_NAMES = set(
            // function words, pronouns, interjections that start sentences or speech
            "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "then", "now", "when",
            "while", "as", "if", "though", "although", "because", "since", "after", "before",
            "until", "till", "once", "there", "here", "where", "what", "who", "whom", "whose",
            "which", "why", "how", "this", "that", "these", "those", "it", "its", "i", "me", "my",
            "mine", "we", "us", "our", "you", "your", "yours", "he", "him", "his", "she", "her",
            "they", "them", "their", "o", "oh", "ah", "alas", "yes", "no", "not", "well", "nay",
            "ay", "aye", "hi", "ho", "hey", "hush", "hallo", "hello", "good", "come", "go", "see",
            "look", "let", "do", "be", "at", "in", "on", "of", "to", "from", "with", "by", "up",
            "all", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "forty", "hundred", "thousand", "some", "every", "each", "any", "many", "much",
            "very", "only", "even", "still", "again", "soon", "at", "into", "upon", "out", "off",
            "over", "under", "away", "never", "ever", "perhaps", "indeed", "thus", "meanwhile",
            "next", "last", "first", "shut", "open", "dear", "pray", "farewell", "adieu",
            "welcome", "thank", "thanks", "sir", "madam", "mr", "mrs", "miss", "ms", "dr", "st",
            "chapter", "part", "end", "note", "illustration", "mister",
            // religion, personifications, calendar
            "god", "lord", "heaven", "heavens", "allah", "christ", "jesus", "providence",
            "fortune", "nature", "death", "devil", "satan", "paradise", "hell", "christmas",
            "easter", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december",
            // common places of the tales
            "persia", "china", "africa", "arabia", "bagdad", "baghdad", "india", "egypt", "paris",
            "london", "england", "france", "germany", "rome", "europe", "asia", "turkey",
            "spain", "italy", "greece", "cairo", "damascus", "jerusalem", "mecca");

    /** Verbs that, right after a capitalised word, suggest the word names an agent. */
    static final Set<String> AGENT_VERBS = set(
            "said", "says", "cried", "replied", "answered", "asked", "told", "was", "had", "went",
            "came", "saw", "took", "ran", "gave", "made", "found", "thought", "knew", "began",
            "did", "would", "could", "should", "will", "shall", "might", "must", "got", "put",
            "sat", "stood", "felt", "heard", "left", "brought", "bought", "sold", "fell", "rose",
            "wept", "slept", "spoke", "sang", "drew", "threw", "held", "kept", "lay", "let",
            "led", "meant", "met", "paid", "ran", "sent", "set", "shook", "struck", "swore",
            "taught", "tore", "understood", "woke", "wore", "won", "wrote", "became", "bade",
            "fled", "forgot", "hid", "laughed", "lived", "looked", "loved", "married", "opened",
            "shouted", "sighed", "smiled", "turned", "walked", "wanted", "whispered", "also",
            "then", "himself", "herself", "who", "alone", "now", "too", "instantly", "immediately");

    /** Words after a capitalised word that speak for it naming a person ("said Cassim"). */
    static final Set<String> NAMING_CUES = set(
            "said", "cried", "replied", "answered", "asked", "named", "called", "whispered",
            "shouted", "exclaimed", "continued", "returned", "added", "thought");

    /** Subordinating words: a clause they open is background, not the scene's action. */
    static final Set<String> SUBORDINATORS = set(
            "when", "as", "while", "if", "though", "although", "because", "since", "after",
            "before", "until", "till", "who", "which", "that", "whom", "whose", "where",
            "whereupon", "unless", "whether", "lest", "so", "but", "for");

    static final Set<String> NUMBERS = set("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
            "thousand", "many", "several", "some", "all");

    /** "thieves", "giants", "kings": a group, never one character. */
    static boolean isPersonPlural(String lower) {
        if (lower.endsWith("ves") && isPersonNoun(lower.substring(0, lower.length() - 3) + "f")) return true;
        if (lower.endsWith("men") && isPersonNoun(lower.substring(0, lower.length() - 3) + "man")) return true;
        if (lower.endsWith("es") && isPersonNoun(lower.substring(0, lower.length() - 2))) return true;
        if (lower.endsWith("ren") && isPersonNoun(lower.substring(0, lower.length() - 3))) return true;
        return lower.endsWith("s") && isPersonNoun(lower.substring(0, lower.length() - 1));
    }

    static Gender genderOf(String noun) {
        Gender g = PERSON_NOUNS.get(noun);
        return g == null ? Gender.UNKNOWN : g;
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

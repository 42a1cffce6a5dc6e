package lemon.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lemon.analysis.StoryCues;
import lemon.port.CharacterDescriber;
import lemon.story.CdPair;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/**
 * The describer used when no LLM is configured. It does what the ICL prompt asks an LLM to do,
 * by rule: age, gender and role from the story's own cues, build / face / hair / clothing
 * clauses borrowed from the retrieved C.D. examples (best match first), adjusted to the
 * character's gender, and a look that fits the role; an animal from the story's words alone.
 * Deterministic for the same inputs.
 */
public final class OfflineDescriber implements CharacterDescriber {
    /** A king's child and the title it holds: "the king's son" is the prince. */
    private static final String[][] ROYAL_CHILDREN = {{"daughter", "princess"}, {"son", "prince"}};

    /** "a king who had three sons", "the queen had an only daughter": the story's royal house has children. */
    private static final Pattern ROYAL_HOUSE = Pattern.compile("(?i)\\b(?:king|queen|sultan|emperor|empress)\\b"
            + "[^.;:!?]{0,60}?\\b(?:had|has|having)\\b[^.;:!?]{0,30}?\\b(?:sons?|daughters?)\\b");

    /** A role that is only a child's place in its family: "the eldest son", "daughter". */
    private static final Pattern CHILD_ROLE = Pattern.compile("(?i)(?:the\\s+)?(?:(?:eldest|elder|oldest|second|third|"
            + "youngest|younger|only|little)\\s+)?(son|daughter)s?");

    private static final Pattern WORD = Pattern.compile("[A-Za-z']+");

    /** Borrowed looks that belong to age, not youth. */
    private static final Pattern AGED = Pattern.compile(
            "(?i)\\b(grey|greying|gray|graying|silver|silvered|white|thinning|balding|bald|wrinkled|weathered|lined|careworn|"
                    + "wizened)\\b");

    private static final Set<String> YOUNG_NOUNS = Set.of("girl", "boy", "lad", "lass", "maiden", "youth", "child");

    private static final Set<String> YOUNG_ROLES = Set.of(
            "son", "daughter", "prince", "princess", "student", "pupil", "schoolboy", "schoolgirl", "apprentice");

    /** Kin words that make someone old wherever the story calls them so: a grandmother is no woman of thirty. */
    private static final Set<String> OLD_NOUNS = Set.of("grandmother", "grandfather", "grandma", "grandpa", "granny");

    private static final Set<String> OLD = Set.of(
            "old",
            "aged",
            "grey",
            "gray",
            "elderly",
            "ancient",
            "grandmother",
            "grandfather",
            "widow",
            "eldest",
            "wrinkled");
    /** Person words the story may use that a description can stand on instead of "man" or "woman". */
    private static final Set<String> STORY_NOUNS = Set.of(
            "girl",
            "boy",
            "lady",
            "gentleman",
            "maiden",
            "youth",
            "lad",
            "lass",
            "old woman",
            "old man",
            "grandmother",
            "grandfather");

    /** Roles that say nothing about looks ("the girl", "his wife"): not worth a clause. */
    private static final Pattern KINSHIP = Pattern.compile("(?i)(step-?|grand)?(girl|boy|man|woman|son|daughter|wife|"
            + "husband|brother|sister|mother|father|child|children|fellow|friend|person|niece|nephew|aunt|uncle|cousin|twin|"
            + "eldest|youngest|elder|younger|oldest|narrator)"
            + "s?(-in-law)?");

    private static final Pattern BEARDED = Pattern.compile("\\b(beard|bearded|moustache|stubble|whiskers)\\b");

    /** Arms and armour in a borrowed outfit. */
    private static final Pattern WEAPONS = Pattern.compile(
            "(?i)\\b(scimitar|sword|longsword|sabre|dagger|knife|axe|club|spear|bow|arrows|quiver|armour|armor|"
                    + "chain-mail|chain mail|breastplate|helm|hauberk|shield|gun|guns|pistol|blaster|rifle)\\b");

    /** Stations that bear arms: they may be lent an outfit with them. */
    private static final Pattern FIGHTERS = Pattern.compile(
            "\\b(soldier|soldiers|knight|guard|guards|captain|warrior|hunter|huntsman|huntsmen|bodyguard|sheriff|"
                    + "executioner|thief|thieves|robber|robbers|pirate|bandit|outlaw|general|lieutenant|sergeant|"
                    + "woodcutter|prince|king)\\b");

    /** Looks that say a borrowed face belongs to a villain. */
    private static final Pattern VILLAINOUS = Pattern.compile(
            "(?i)\\b(scarred|sly|hard|cold|greedy|cruel|fierce|menacing|mocking|calculating|shifty|suspicious|sneering|"
                    + "haughty)\\b");

    private static final Set<String> NEGATIVE_TRAITS = Set.of("wicked", "cruel", "greedy", "jealous", "proud", "ugly");
    /** Role words that fix the costume better than any borrowed clause. */
    private static final Map<String, String> ROLE_LOOK = Map.ofEntries(
            Map.entry("king", "wearing a golden crown and a long ermine-trimmed royal robe"),
            Map.entry("queen", "wearing a jewelled crown and a flowing velvet gown"),
            Map.entry("prince", "wearing a fine embroidered doublet, a short cape and a slim sword at the hip"),
            Map.entry("princess", "wearing a silk gown with a delicate silver circlet in the hair"),
            Map.entry("witch", "wearing a ragged dark cloak, with a hooked nose and bony hands"),
            Map.entry("enchantress", "wearing a dark hooded cloak embroidered with strange signs"),
            Map.entry("fairy", "wearing a shimmering pale gown, a slender wand in hand"),
            Map.entry(
                    "tailor",
                    "wearing a patched waistcoat with a measuring tape around the neck and a needle cushion at the belt"),
            Map.entry("woodcutter", "wearing a rough woollen tunic and leather boots, an axe over the shoulder"),
            Map.entry("miller", "wearing a flour-dusted apron over plain work clothes"),
            Map.entry("merchant", "wearing a rich silk robe and a turban, a purse at the belt"),
            Map.entry("thief", "wearing a dark tunic, a sash and a curved dagger at the belt"),
            Map.entry("robber", "wearing a dark tunic, a sash and a curved dagger at the belt"),
            Map.entry("captain", "wearing a weathered captain's coat with brass buttons and a peaked cap"),
            Map.entry("slave", "wearing a simple linen dress and a headscarf, sleeves rolled for work"),
            Map.entry("servant", "wearing plain servant's clothes and an apron"),
            Map.entry("maid", "wearing a plain dress, apron and cap"),
            Map.entry("soldier", "wearing a worn uniform coat with brass buttons and a sword"),
            Map.entry("huntsman", "wearing a green hunting coat, a feathered hat and a bow"),
            Map.entry("giant", "towering and broad-shouldered, in coarse hides and a heavy belt"),
            Map.entry("dwarf", "very short and stout, with a long beard and a pointed cap"),
            Map.entry("stepmother", "wearing a stiff dark gown and a tight lace collar, lips pressed thin"),
            Map.entry("shoemaker", "wearing a leather apron, an awl tucked in the pocket"),
            Map.entry("cobbler", "wearing a worn leather apron, an awl and waxed thread at the belt"),
            Map.entry("fisherman", "wearing a salt-stained smock and rolled trousers"),
            Map.entry("shepherd", "wearing a rough cloak, a crook in hand"),
            Map.entry("magician", "wearing a long dark robe patterned with stars and a tall pointed hat"),
            Map.entry("sultan", "wearing a jewelled turban and a robe of gold brocade"),
            Map.entry("genie", "enormous and blue-skinned, with a topknot and golden armbands"),
            // today's work, so a detective on a ferry is lent no sea captain's coat
            Map.entry("detective", "wearing a rumpled trench coat over a dark suit"),
            Map.entry("inspector", "wearing a rumpled trench coat over a dark suit"),
            Map.entry("bodyguard", "wearing a black suit, a white shirt and an earpiece"),
            Map.entry("diplomat", "wearing a tailored dark suit with a lapel pin"),
            Map.entry("salesman", "wearing a cheap grey suit and a loosened tie"),
            Map.entry("student", "wearing a hooded jumper, jeans and a canvas backpack"),
            Map.entry("baker", "wearing a flour-dusted white apron and a baker's cap"),
            Map.entry("farmer", "wearing a checked work shirt, muddy boots and a flat cap"),
            Map.entry("doctor", "wearing a white coat with a stethoscope round the neck"),
            Map.entry("nurse", "wearing a blue nurse's tunic with a fob watch pinned to it"),
            Map.entry("teacher", "wearing a knitted cardigan over a neat collared shirt"),
            Map.entry("schoolteacher", "wearing a knitted cardigan over a neat collared shirt"),
            Map.entry("sailor", "wearing a striped jersey and a knitted cap"),
            Map.entry("major", "wearing a pressed military uniform with medals on the breast"),
            Map.entry("lieutenant", "wearing a pressed uniform with rank insignia"),
            Map.entry("sergeant", "wearing a pressed uniform with rank insignia"),
            Map.entry("commander", "wearing a pressed uniform with rank insignia"),
            Map.entry("colonel", "wearing a pressed military uniform with medals on the breast"),
            Map.entry("mayor", "wearing a dark suit and a gold chain of office"),
            Map.entry("pilot", "wearing a leather flight jacket"),
            Map.entry("mechanic", "wearing oil-stained overalls"),
            Map.entry("engineer", "wearing oil-stained overalls"),
            Map.entry("astronaut", "wearing a white pressure suit with mission patches"),
            Map.entry("scientist", "wearing a white lab coat"),
            Map.entry("cook", "wearing a white apron and cap"),
            Map.entry("priest", "wearing a black cassock"),
            Map.entry("judge", "wearing a black judge's robe"),
            Map.entry("blacksmith", "wearing a heavy leather apron over rolled sleeves"),
            Map.entry("glassblower", "wearing a heavy leather apron over rolled sleeves"),
            Map.entry("potter", "wearing a clay-stained smock over rolled sleeves"),
            Map.entry("constable", "wearing a police uniform and cap"),
            Map.entry("policeman", "wearing a police uniform and cap"),
            Map.entry("journalist", "wearing a rumpled jacket, a notebook in the pocket"),
            Map.entry("reporter", "wearing a rumpled jacket, a notebook in the pocket"),
            Map.entry("runner", "wearing a running vest, shorts and spiked shoes"),
            Map.entry("athlete", "wearing a running vest, shorts and spiked shoes"),
            Map.entry("coach", "wearing a tracksuit with a whistle round the neck"));

    private static final Map<String, String> TO_FEMALE = Map.ofEntries(
            Map.entry("he", "she"),
            Map.entry("his", "her"),
            Map.entry("him", "her"),
            Map.entry("man", "woman"),
            Map.entry("men", "women"),
            Map.entry("boy", "girl"),
            Map.entry("beard", "braid"),
            Map.entry("moustache", "earrings"),
            Map.entry("stubble", "freckles"),
            Map.entry("gentleman", "lady"),
            Map.entry("bearded", "braided"),
            Map.entry("handsome", "lovely"),
            Map.entry("himself", "herself"));
    private static final Map<String, String> TO_MALE = Map.ofEntries(
            Map.entry("she", "he"),
            Map.entry("her", "his"),
            Map.entry("hers", "his"),
            Map.entry("woman", "man"),
            Map.entry("women", "men"),
            Map.entry("girl", "boy"),
            Map.entry("lady", "gentleman"),
            Map.entry("herself", "himself"),
            Map.entry("pretty", "handsome"),
            Map.entry("lovely", "handsome"),
            Map.entry("beautiful", "handsome"),
            // a woman's clothes become the nearest a man wears in the same tales
            Map.entry("gown", "robe"),
            Map.entry("gowns", "robes"),
            Map.entry("dress", "tunic"),
            Map.entry("dresses", "tunics"),
            Map.entry("frock", "tunic"),
            Map.entry("bodice", "jerkin"),
            Map.entry("corset", "jerkin"),
            Map.entry("blouse", "shirt"),
            Map.entry("skirt", "breeches"),
            Map.entry("skirts", "breeches"),
            Map.entry("petticoat", "breeches"),
            Map.entry("petticoats", "breeches"),
            Map.entry("shawl", "cloak"),
            Map.entry("bonnet", "cap"),
            Map.entry("veil", "hood"));

    @Override
    public String name() {
        return "offline-describer (rule-based, composes from retrieved examples; not an LLM)";
    }

    /** As describe-characters does it, reading the story's cues first. */
    public String describe(
            String storyTitle,
            String storyText,
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples) {
        return describe(storyTitle, storyText, character, all, examples, StoryCues.of(storyText, character, all));
    }

    /**
     * What the story states comes first and stays: its gender and age words, looks and build, station,
     * hair, beard, clothing and things carried. The retrieved examples lend only what it leaves open
     * (age in years, build, face, hair, clothing), and a borrowed clause that contradicts the story is dropped.
     */
    @Override
    public String describe(
            String storyTitle,
            String storyText,
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples,
            List<StoryCue> story) {
        return describe(
                character,
                all,
                examples,
                story,
                new java.util.HashSet<>(),
                List.of(),
                Era.of(storyText),
                ROYAL_HOUSE.matcher(storyText).find());
    }

    /**
     * The cast in its order, each told apart from those before it: a face or hair already lent to someone in the
     * story is lent again only when no other example, theirs or another character's, has one left; clothes the
     * story and the examples leave uncoloured get the colour the cast wears least ({@link OutfitColours}).
     */
    @Override
    public List<String> describeCast(
            String storyTitle,
            String storyText,
            List<StoryCharacter> cast,
            List<List<CdPair>> examples,
            List<List<StoryCue>> stated) {
        Set<String> lent = new java.util.HashSet<>();
        // every character's examples, read once: a character whose own are taken borrows from the others'
        List<Look> everyones = examples.stream()
                .flatMap(List::stream)
                .distinct()
                .map(e -> Look.parse(e.description()))
                .flatMap(java.util.Optional::stream)
                .toList();
        Era era = Era.of(storyText);
        List<String> out = new ArrayList<>();
        boolean royalHouse = ROYAL_HOUSE.matcher(storyText).find();
        for (int i = 0; i < cast.size(); i++)
            out.add(describe(cast.get(i), cast, examples.get(i), stated.get(i), lent, everyones, era, royalHouse));
        return OutfitColours.give(cast, out, stated);
    }

    /**
     * @param lent faces and hair lent already in this story, added to here
     * @param spare the looks of every character's examples, to lend from when this one's own are taken
     * @param era the story's time, which the borrowed clothes must be of
     * @param royalHouse whether the story tells of a king's or queen's children: its bare "eldest son" is a prince
     */
    private String describe(
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples,
            List<StoryCue> story,
            Set<String> lent,
            List<Look> spare,
            Era era,
            boolean royalHouse) {
        // a duck is no man in a captain's coat: an animal is described as the animal, from the story alone
        String animal = StoryCues.animal(character);
        if (animal != null) { // "a white duck", not "a white duck, every inch the bird"
            // nor "every inch the captain" of a parrot called Captain Flint: the title is its name's
            String ownName = character.name().toLowerCase(Locale.ROOT);
            List<StoryCue> asBeast = story.stream()
                    .filter(c -> !(c.kind().equals("station")
                            && (StoryCues.isAnimalNoun(c.value())
                                    || ownName.matches("(?:.*\\s)?"
                                            + Pattern.quote(c.value().toLowerCase(Locale.ROOT)) + "\\s.*"))))
                    .toList();
            return CueRepair.repair(animalLook(animal, asBeast), asBeast);
        }
        // the role, the name and the work the story tells ("cutting wood" → woodcutter) pick the costume
        String roleText = (character.role() + " " + character.name() + " "
                        + String.join(
                                " ",
                                story.stream()
                                        .filter(q -> q.kind().equals("station"))
                                        .map(q -> StoryCues.WORK.getOrDefault(q.value(), q.value()))
                                        .toList()))
                .toLowerCase(Locale.ROOT);
        // "a king who had three sons … the eldest son": a child of the story's royal house is the king's son
        Matcher child = CHILD_ROLE.matcher(character.role().strip());
        if (royalHouse
                && child.matches()
                && Character.isLowerCase(character.name().charAt(0)))
            roleText = "king's " + child.group(1).toLowerCase(Locale.ROOT) + " " + roleText;
        List<Look> parsed = examples.stream()
                .map(e -> Look.parse(e.description()))
                .flatMap(java.util.Optional::stream)
                .toList();
        // a face, hair and clothes lent by someone of the same sex, when the examples have one
        List<Look> sameSex =
                parsed.stream().filter(l -> l.gender() == character.gender()).toList();
        List<Look> looks = character.gender() != Gender.UNKNOWN && !sameSex.isEmpty() ? sameSex : parsed;
        // vary which example lends which feature, so two characters matched to the same examples differ
        int shift = Math.floorMod(character.id().hashCode(), Math.max(1, looks.size()));
        java.util.function.IntFunction<Look> pick = slot -> looks.get((shift + slot) % looks.size());
        java.util.function.Function<String, List<String>> stated = kind -> story.stream()
                .filter(c -> c.kind().equals(kind))
                .map(StoryCue::value)
                .toList();

        Gender gender = character.gender() != Gender.UNKNOWN
                ? character.gender()
                : genderFromWords(roleText + " " + String.join(" ", stated.apply("gender")))
                        .orElse(looks.isEmpty() ? Gender.UNKNOWN : looks.get(0).gender());
        // the story's own age words decide; words merely near a mention only when the story states none
        List<String> ages = stated.apply("age");
        // "twelve years old", "a child": an age the description gives as a young girl or boy of that age
        String inYears = ages.isEmpty() ? null : yearsOf(ages.get(0));
        boolean childish = !ages.isEmpty() && (inYears != null || CHILD_WORDS.contains(ages.get(0)));
        // "a small, quick woman of forty": a grown age in years is said as it is
        Integer grown = ages.isEmpty() || inYears != null ? null : grownYearsOf(ages.get(0));
        // "a broad-shouldered woman in her fifties": the story's decade, in the character's pronoun
        Matcher inADecade = ages.isEmpty() ? null : IN_A_DECADE.matcher(ages.get(0));
        if (inADecade != null && !inADecade.matches()) inADecade = null;
        boolean young, old;
        if (inADecade != null) {
            int tens = decadeYears(inADecade.group(2));
            old = tens >= 60;
            young = tens < 30;
        } else if (grown != null) {
            old = grown >= 60;
            young = grown < 30;
        } else if (!ages.isEmpty()) {
            old = OLD.contains(ages.get(0));
            young = !old;
        } else { // no age word at a mention: only a role or a noun that implies youth says young
            // the princess's mother is no young princess: only the relation's own noun says her age
            String ownRole = roleText.replaceAll("\\S+['’]s ", "");
            young = YOUNG_ROLES.stream().anyMatch(w -> ownRole.matches(".*\\b" + w + "\\b.*"))
                    || childOfAFamily(character, all)
                    || stated.apply("gender").stream().anyMatch(YOUNG_NOUNS::contains)
                    || character.aliases().stream().anyMatch(OfflineDescriber::youngName)
                    // a ward's "boy" with no name is a boy
                    || (!Character.isUpperCase(character.name().charAt(0)) && youngName(character.name()));
            old = stated.apply("gender").stream().anyMatch(OLD_NOUNS::contains)
                    || character.aliases().stream().anyMatch(a -> OLD_NOUNS.contains(head(a)));
            if (old) young = false;
        }
        String pronoun = gender == Gender.FEMALE ? "her" : gender == Gender.MALE ? "his" : "their";
        String noun = gender == Gender.FEMALE ? "woman" : gender == Gender.MALE ? "man" : "person";
        // the story's own word when it says more than the sex: "a young slave girl", "an old lady"; a kitchen-boy
        // whose age the story gives only as "the boy" is a boy
        List<String> ownWords = new java.util.ArrayList<>(stated.apply("gender"));
        for (String a : ages) if (YOUNG_NOUNS.contains(a)) ownWords.add(a);
        for (String w : ownWords)
            if (STORY_NOUNS.contains(w) && genderFromWords(w).orElse(gender) == gender) {
                noun = w;
                break;
            }
        // a ward's "boy" with no name is a boy, in his teens at most
        String ownNoun = head(character.name());
        if (!Character.isUpperCase(character.name().charAt(0))
                && YOUNG_NOUNS.contains(ownNoun)
                && !ownNoun.equals("child") // "two children" are a girl and a boy, each as the story tells
                && List.of("woman", "man", "person").contains(noun)
                && genderFromWords(ownNoun).orElse(gender) == gender) noun = ownNoun;
        if (childish && List.of("woman", "man", "person").contains(noun))
            noun = gender == Gender.FEMALE ? "girl" : gender == Gender.MALE ? "boy" : "child";
        String age;
        if (inYears != null) {
            age = "of " + inYears;
        } else if (inADecade != null) {
            age = "in " + pronoun + " " + inADecade.group(1) + inADecade.group(2);
        } else if (grown != null) {
            age = "of " + ages.get(0).replace(" years old", "");
        } else if (childish) {
            age = ""; // "a young boy": a child "in his late teens" is a youth, and is painted as one
        } else if (young && !old) {
            age = "in " + pronoun + " late teens";
        } else if (old && !young) {
            age = "in " + pronoun + " late sixties";
        } else if (Stream.concat(stated.apply("hair").stream(), stated.apply("beard").stream())
                .anyMatch(h -> h.matches("(?i).*\\b(grey|gray|white|silver)\\b.*"))) {
            age = "in " + pronoun + " late fifties"; // "a broad, cheerful woman with grey curls" is no thirty
        } else if (!looks.isEmpty()) {
            // the story says no age: a borrowed one stays in the middle years, which no story word contradicts
            age = adjustGender(pick.apply(0).age(), gender)
                    .replaceAll("\\b(teens|twenties)\\b", "thirties")
                    .replaceAll("\\b(sixties|seventies|eighties|nineties)\\b", "fifties");
            java.util.regex.Matcher years = Pattern.compile("\\d+").matcher(age);
            // "of about 25", "aged 70": a borrowed number is no age the story gave, said as a part of a decade
            if (years.find()) {
                int n = Math.max(30, Math.min(59, Integer.parseInt(years.group())));
                String third = n % 10 < 4 ? "early" : n % 10 < 7 ? "mid-" : "late";
                String decade = List.of("thirties", "forties", "fifties").get(n / 10 - 3);
                age = "in " + pronoun + " " + (third.endsWith("-") ? third + decade : third + " " + decade);
            }
        } else {
            age = "in " + pronoun + " thirties";
        }
        List<String> lead = new ArrayList<>();
        // an age word leads ("an old cobbler"); a child is a young girl or boy
        if (childish) lead.add("young");
        else lead.addAll(ages.stream().limit(1).filter(StoryCues::isAdjective).toList());
        for (String kind : List.of("looks", "build", "skin", "station"))
            for (String w : stated.apply(kind))
                if (!w.contains(" ") && StoryCues.isAdjective(w) && lead.size() < 4) lead.add(w);
        List<String> traits = List.copyOf(lead);
        boolean villain = traits.stream().anyMatch(NEGATIVE_TRAITS::contains)
                || roleText.matches(".*\\b(witch|thief|robber|robbers|thieves|giant|stepmother|wolf|magician)\\b.*");
        boolean storyBuild = !stated.apply("build").isEmpty();
        if (!looks.isEmpty() && stated.apply("skin").isEmpty())
            lead.add(pick.apply(1).skin());
        String first = String.join(", ", lead);
        List<String> parts = new ArrayList<>();
        parts.add(StoryCues.article(first.isEmpty() ? noun : first) + " "
                + (first.isEmpty() ? noun : first + " " + noun) + (age.isEmpty() ? "" : " " + age));
        List<String> stations = new ArrayList<>();
        if (!character.role().isBlank()
                && !KINSHIP.matcher(character.role()).matches()
                && !character
                        .name()
                        .toLowerCase(Locale.ROOT)
                        .contains(character.role().toLowerCase(Locale.ROOT))) stations.add(character.role());
        for (String said : stated.apply("station")) {
            String w = StoryCues.WORK.getOrDefault(said, said);
            // a station word that is no adjective ("poor" leads) is what they are: "salesman", "Detective Inspector"
            if (StoryCues.isAdjective(w) || stations.stream().anyMatch(x -> x.contains(w))) continue;
            // "robber captain" says "captain" and "robber" already: the longer name stands for both
            stations.removeIf(x -> (" " + w + " ").contains(" " + x + " "));
            stations.add(w);
        }
        // a king's daughter is a princess whether or not the story says the word: her station is the title
        for (String[] royal : ROYAL_CHILDREN)
            if (Pattern.compile("\\bking['’]s " + royal[0] + "\\b")
                            .matcher(roleText)
                            .find()
                    && stations.stream().noneMatch(x -> x.matches(".*\\b" + royal[1] + "\\b.*")))
                stations.add(0, royal[1]); // "every inch the prince and king's son"
        if (!stations.isEmpty()) parts.add("every inch the " + String.join(" and ", stations));
        // "a cheerful giant": a build the story gives as a noun
        for (String w : stated.apply("build"))
            if (!w.contains(" ") && !StoryCues.isAdjective(w)) parts.add("of " + w + " build");
            else if (w.contains(" ")) parts.add("with " + w); // "with small feet"
        // the king's daughter wears no king's crown and robe: a royal child is dressed as one, anyone else's relation
        // by their own word
        String royalRoles = roleText;
        for (String[] royal : ROYAL_CHILDREN)
            royalRoles = royalRoles.replaceAll("\\bking['’]s " + royal[0] + "\\b", royal[1]);
        String ownRoles = royalRoles.replaceAll("\\S+['’]s ", "");
        String roleLook = ROLE_LOOK.entrySet().stream()
                .filter(e -> Pattern.compile("\\b" + e.getKey() + "\\b")
                        .matcher(ownRoles)
                        .find())
                .map(Map.Entry::getValue)
                .sorted()
                .findFirst()
                .orElse(null);
        // "well dressed", "dressed in gold" say how, not what is worn: a clause of their own
        Map<Boolean, List<String>> clothing = stated.apply("clothing").stream()
                .collect(java.util.stream.Collectors.partitioningBy(OfflineDescriber::saysDressed));
        List<String> dressed = clothing.get(true);
        List<String> wearing = new ArrayList<>(stated.apply("headwear"));
        wearing.addAll(clothing.get(false));
        // build and clothes come from an example of about the character's age: Rapunzel is lent no crone's walking
        // stick, a child no housekeeper's ring of keys
        Look outfit = lender(looks, pick, young && !old, childish, old && !young);
        if (!looks.isEmpty()) {
            String build = outfit == null ? pick.apply(2).build() : outfit.build();
            if (!storyBuild && (outfit != null || !childish))
                parts.add(
                        build.endsWith("built") ? build : "with " + StoryCues.article(build) + " " + build + " build");
            // a bandit's scarred, sly face is lent only to someone the story makes a villain
            // (none of the examples' faces fits: the description leaves the face open)
            // a crone's toothless grin goes to no one the story does not make old, a boyish face to no grandfather
            boolean elder = old && !young;
            java.util.function.Predicate<Look> ofAge = l -> band(l.age()) != (elder ? -1 : 1);
            String lentFace = villain ? firstFace(looks.size(), pick, true, ofAge) : null;
            if (villain && lentFace == null && ofAge.test(pick.apply(0)))
                lentFace = withoutKindness(pick.apply(0).face());
            if (lentFace == null) lentFace = firstFace(looks.size(), pick, false, ofAge);
            // an old one of whom only young examples tell keeps their faces rather than none
            if (lentFace == null && elder) lentFace = firstFace(looks.size(), pick, false, l -> true);
            Gender sex = gender;
            boolean youthful = young;
            java.util.function.Function<String, String> asTheirs =
                    f -> adjustGender(sex == Gender.FEMALE ? withoutFacialHair(f) : f, sex);
            // no silver beard on a young man
            java.util.function.Predicate<String> fits =
                    f -> !youthful || !AGED.matcher(f).find();
            String face = lentFace == null ? null : asTheirs.apply(lentFace);
            // a youth in his late teens is lent no "wild tangled beard"
            if (face != null && young && gender == Gender.MALE) face = withoutFacialHair(face);
            // where someone else in the story has this face or hair, the next example's that no one has; another's
            // grey hair goes to no one the story does not make old, a beard to no youth
            List<Look> others = alternatives(looks, pick, spare, character.gender()).stream()
                    .filter(l ->
                            elder || !AGED.matcher(l.face() + " " + l.hair()).find())
                    .filter(l -> !youthful || !BEARDED.matcher(l.face()).find())
                    .filter(l -> elder || ofAge.test(l))
                    .toList();
            // of the same kind: villainous or not; none left, no face rather than someone else's
            if (face != null && lent.contains(face)) {
                String unused = null;
                for (Look l : others) {
                    String f = asTheirs.apply(l.face());
                    if (VILLAINOUS.matcher(l.face()).find() == villain && fits.test(f) && !lent.contains(f)) {
                        unused = f;
                        break;
                    }
                }
                face = unused;
            }
            // no borrowed face where the story gives one ("his face was pale")
            boolean storyFace = stated.apply("skin").stream().anyMatch(v -> v.matches(".*\\bface\\b.*"));
            if (face != null && fits.test(face) && !storyFace) {
                lent.add(face);
                // "with a ginger beard like a doormat": no clean-shaven face beside it
                if (!stated.apply("beard").isEmpty())
                    face = face.replaceAll(", clean-shaven\\b", "").replaceAll("\\bclean-shaven,? ", "");
                parts.add(face);
            }
            java.util.function.Function<Look, String> hairOf =
                    l -> youthful ? youthful(adjustGender(l.hair(), sex)) : adjustGender(l.hair(), sex);
            String hair = null;
            for (int slot = 1; slot < 1 + looks.size() && hair == null; slot++)
                if (ofAge.test(pick.apply(slot))) hair = hairOf.apply(pick.apply(slot));
            if (hair == null && elder) hair = hairOf.apply(pick.apply(1));
            if (hair != null && lent.contains(hair)) {
                String unused = null;
                for (Look l : others) {
                    String h = hairOf.apply(l);
                    if (h != null && !lent.contains(h)) {
                        unused = h;
                        break;
                    }
                }
                hair = unused;
            }
            // a beard the story colours would clash with borrowed hair of another colour
            if (stated.apply("hair").isEmpty() && stated.apply("beard").isEmpty() && hair != null) {
                parts.add(hair);
                lent.add(hair);
            }
            // glasses are worn with clothes, not instead of them
            if (roleLook == null && wearing.stream().allMatch(OfflineDescriber::accessory)) {
                String clothes = outfit == null ? "simple clothes" : adjustGender(outfit.clothing(), gender);
                // a knight's armour on a nurse of today, a headset on a miller's daughter: the first example whose
                // clothes are of the story's time, else plain ones
                // a blind old blacksmith is lent no robber chief's scimitar: arms only for a villain or a fighter
                boolean armed = villain || FIGHTERS.matcher(roleText).find();
                java.util.function.Predicate<String> suits =
                        c -> era.fits(c) && (armed || !WEAPONS.matcher(c).find());
                // and none someone before in the story was lent: four men of a ferry story wore one captain's coat
                String plain = era == Era.TODAY ? "plain everyday clothes" : "simple clothes";
                java.util.function.Predicate<String> unlent = suits.and(c -> !lent.contains(c));
                if (!unlent.test(clothes)) {
                    clothes = plain;
                    for (int slot = 2; slot < 2 + looks.size(); slot++) {
                        // as they would wear it: a woman's "dark wool dress" is a man's tunic, of no time of today
                        String theirs = adjustGender(pick.apply(slot).clothing(), gender);
                        if (unlent.test(theirs)) {
                            clothes = theirs;
                            break;
                        }
                    }
                }
                if (!clothes.equals(plain)) lent.add(clothes);
                for (String w : wearing) clothes += " and " + counted(w);
                parts.add("wearing " + clothes);
                wearing.clear();
            }
        }
        for (String kind : List.of("hair", "beard", "skin"))
            for (StoryCue c : story)
                if (c.kind().equals(kind) && c.value().contains(" ")) parts.add(CueRepair.clause(c));
        parts.addAll(dressed);
        // one of each thing: "a scarlet cloak" and "a new scarlet cloak" are one cloak, "lamps" and "a lamp" one lamp
        List<String> worn = new ArrayList<>();
        for (String w : wearing) if (!said(w, worn)) worn.add(counted(w));
        if (!worn.isEmpty()) parts.add("wearing " + String.join(", ", worn));
        else if (roleLook != null) parts.add(adjustGender(roleLook, gender)); // a male slave wears no dress
        // "carried her beautiful clothes back to the bird": what is worn already is not carried as well, and the
        // fairy whose costume has her wand in hand carries no second one
        List<String> carried = new ArrayList<>(), ridden = new ArrayList<>();
        for (String o : stated.apply("object"))
            if (StoryCues.isRidden(o)) {
                if (ridden.isEmpty()) ridden.add(o); // one horse under them
            } else if (!said(o, worn.isEmpty() && roleLook != null ? List.of(roleLook) : worn) && !said(o, carried))
                carried.add(counted(o));
        if (!carried.isEmpty()) parts.add("carrying " + String.join(" and ", carried));
        for (String o : ridden) parts.add("riding " + o);
        if (villain) {
            parts.add("a hard, scheming look in the eyes");
        }
        return CueRepair.repair(String.join(", ", parts), story);
    }

    /**
     * "a little white duck", "a big black bear, with his thick black head": what the story says of an
     * animal (its age, station, looks, size and colour words, then what it wears or carries), and nothing borrowed:
     * the retrieved examples are people.
     */
    static String animalLook(String animal, List<StoryCue> story) {
        List<String> lead = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        for (String kind : List.of("age", "station", "looks", "build")) // "the poor fish": a word, no costume
        for (StoryCue c : story)
                if (c.kind().equals(kind)
                        && !c.value().contains(" ")
                        && StoryCues.isAdjective(c.value())
                        && !lead.contains(c.value())) lead.add(c.value());
        String colour = null;
        for (StoryCue c : story) {
            if (!List.of("hair", "beard", "skin").contains(c.kind())) continue;
            String[] w = c.value().strip().split("\\s+");
            // "white hair" is how the story cues give an animal's colour ("a white duck")
            boolean coat = w.length == 2 && w[1].equals("hair");
            if (!coat) clauses.add(CueRepair.clause(c));
            else if (colour == null && c.kind().equals("hair")) colour = w[0];
        }
        if (colour != null) lead.add(colour);
        String head = lead.isEmpty() ? animal : String.join(" ", lead) + " " + animal;
        List<String> parts = new ArrayList<>();
        parts.add(StoryCues.article(head) + " " + head);
        parts.addAll(clauses);
        List<String> wearing = new ArrayList<>();
        for (StoryCue c : story)
            if (c.kind().equals("clothing") && saysDressed(c.value())) parts.add(c.value());
            else if (c.kind().equals("headwear") || c.kind().equals("clothing")) wearing.add(c.value());
        if (!wearing.isEmpty()) parts.add("wearing " + String.join(", ", wearing));
        List<String> carried = story.stream()
                .filter(c -> c.kind().equals("object"))
                .map(StoryCue::value)
                .toList();
        if (!carried.isEmpty()) parts.add("carrying " + String.join(" and ", carried));
        return String.join(", ", parts);
    }

    /**
     * Where else a face or hair may come from, in order: the character's own examples from the first slot on, then
     * the other characters' examples of its sex, then theirs of the other sex.
     */
    private static List<Look> alternatives(
            List<Look> looks, java.util.function.IntFunction<Look> pick, List<Look> spare, Gender gender) {
        List<Look> out = new ArrayList<>();
        for (int slot = 0; slot < looks.size(); slot++) out.add(pick.apply(slot));
        List<Look> theirs = spare.stream().filter(l -> !out.contains(l)).toList();
        theirs.stream().filter(l -> l.gender() == gender).forEach(out::add);
        theirs.stream().filter(l -> l.gender() != gender).forEach(out::add);
        return out;
    }

    /** "silver-rimmed glasses", "spectacles": worn, but no outfit. */
    private static boolean accessory(String cue) {
        return cue.matches("(?:.* )?(?:glasses|spectacles)");
    }

    /** Whether what the story gives is said already by these clauses, as the cue check would judge it. */
    private static boolean said(String thing, List<String> clauses) {
        return !clauses.isEmpty()
                && CueCheck.check("object", thing, String.join(", ", clauses)) == CueCheck.Verdict.KEPT;
    }

    /** "dress" → "a dress": a bare thing in the singular gets its article; "glittering garments" stays. */
    private static String counted(String cue) {
        return !cue.contains(" ") && StoryCues.isThing(cue) && (!cue.endsWith("s") || cue.endsWith("ss"))
                ? StoryCues.article(cue) + " " + cue
                : cue;
    }

    /** The face of the first example slot whose face is villainous, or is not; null when none is. */
    private static String firstFace(
            int slots,
            java.util.function.IntFunction<Look> pick,
            boolean villainous,
            java.util.function.Predicate<Look> ofAge) {
        for (int slot = 0; slot < slots; slot++)
            if (VILLAINOUS.matcher(pick.apply(slot).face()).find() == villainous && ofAge.test(pick.apply(slot)))
                return pick.apply(slot).face();
        return null;
    }

    /** Kind words of a borrowed face that a villain's "hard, scheming look" would contradict. */
    private static final Pattern KINDNESS = Pattern.compile(
            "\\b(?:honest|kind|gentle|trusting|friendly|warm|innocent|sweet|cheerful|merry|earnest|open|soft),? ");

    /**
     * "a handsome, clean-shaven face and earnest, kind eyes" → "a handsome, clean-shaven face": a villain given a
     * face none of whose examples is villainous keeps its shape, not its kindness (the eyes are the scheming look's).
     */
    static String withoutKindness(String face) {
        String out = face.replaceAll(",? (?:and|with) (?:[\\w-]+,? ){0,3}eyes\\b", "");
        out = KINDNESS.matcher(out)
                .replaceAll("")
                .replaceAll(", face\\b", " face")
                .strip();
        return out.isEmpty() || out.equals("face")
                ? null
                : StoryCues.article(out.replaceFirst("^(?:an?) ", "")) + " " + out.replaceFirst("^(?:an?) ", "");
    }

    /**
     * The example that lends build and clothes, from the third slot on: for someone young the first example in their
     * teens or twenties (a child takes no other), then one in the middle years; for someone old the first in the
     * sixties or later, then any; otherwise the third. Null when none suits.
     */
    private static Look lender(
            List<Look> looks, java.util.function.IntFunction<Look> pick, boolean young, boolean child, boolean old) {
        if (looks.isEmpty()) return null;
        // of no age the story tells: the middle years', a crone's walking stick only where no one else lends
        if (!young && !child && !old) {
            for (int slot = 2; slot < 2 + looks.size(); slot++)
                if (band(pick.apply(slot).age()) != 1) return pick.apply(slot);
            return pick.apply(2);
        }
        // a girl in a crone's shawl is wrong; a grandmother in a young woman's dress is only plain
        List<Integer> wanted = child ? List.of(-1) : young ? List.of(-1, 0) : List.of(1, 0, -1);
        for (int band : wanted)
            for (int slot = 2; slot < 2 + looks.size(); slot++)
                if (band(pick.apply(slot).age()) == band) return pick.apply(slot);
        return null;
    }

    private static final Pattern YEARS = Pattern.compile("\\d+");

    /** An example's age as a band: -1 for the teens, twenties or under 30 years, 1 for the sixties on, else 0. */
    static int band(String age) {
        Matcher n = YEARS.matcher(age);
        if (n.find()) {
            int years = Integer.parseInt(n.group());
            return years < 30 ? -1 : years >= 60 ? 1 : 0;
        }
        if (age.matches(".*\\b(teens|twenties)\\b.*")) return -1;
        if (age.matches(".*\\b(sixties|seventies|eighties|nineties)\\b.*")) return 1;
        return 0;
    }

    /** "well dressed", "very meanly dressed", "dressed in gold", "veiled": a clothing cue that is no garment. */
    static boolean saysDressed(String cue) {
        return cue.matches("(?:.* )?dressed(?: .*)?") || StoryCues.GONE_ABOUT.contains(cue);
    }

    /** "a white beard and narrowed eyes": the beard and the "and" that joins it to what follows. */
    private static final Pattern BEARD_AND = Pattern.compile(
            "\\b(?:an?|his|her) (?:(?!with\\b|and\\b|an?\\b)[\\w-]+,? ){0,3}(?:beard|moustache|stubble|whiskers) and ");
    /** "a careworn face with a long white beard", "rosy cheeks and a neat grey beard". */
    private static final Pattern WITH_BEARD =
            Pattern.compile("(?:,? (?:with|and))? (?:an?|his|her) (?:(?!with\\b|and\\b|an?\\b)[\\w-]+,? ){0,3}"
                    + "(?:beard|moustache|stubble|whiskers)\\b");

    /**
     * A man's face lent to a woman, without its beard or moustache. Swapped word for word it became
     * "a long white braid" beside the hair clause's "greying sandy hair": two hair colours, one of them
     * the example's beard.
     */
    static String withoutFacialHair(String face) {
        String out = WITH_BEARD.matcher(BEARD_AND.matcher(face).replaceAll("")).replaceAll("");
        return out.isBlank() ? "a plain face" : out.strip();
    }

    /** A name the story calls someone by that makes them young: "the little maiden", "his daughter", not "the old maid". */
    private static boolean youngName(String alias) {
        String head = head(alias);
        return (YOUNG_NOUNS.contains(head) || YOUNG_ROLES.contains(head))
                && java.util.Arrays.stream(alias.toLowerCase(Locale.ROOT).split("[^\\p{L}-]+"))
                        .noneMatch(OLD::contains);
    }

    /** Borrowed hair for a young person: "greying auburn hair" → "auburn hair"; null when the colour itself is old ("curly white hair"). */
    static String youthful(String hair) {
        String h =
                AGEING.matcher(hair).replaceAll("").replaceAll("\\s{2,}", " ").strip();
        return AGED.matcher(h).find() || h.isEmpty() ? null : h;
    }

    private static final Pattern AGEING = Pattern.compile("(?i)\\b(greying|graying|thinning|silvered|balding)\\b,?");

    /** The last word of a name, lower case, in the singular: "her two daughters" → "daughter". */
    private static String head(String alias) {
        String[] w = alias.toLowerCase(Locale.ROOT).split("[^\\p{L}-]+");
        String last = w.length == 0 ? "" : w[w.length - 1];
        if (last.endsWith("ren")) return last.substring(0, last.length() - 3); // children
        return last.endsWith("s") && !last.endsWith("ss") ? last.substring(0, last.length() - 1) : last;
    }

    private static final Set<String> CHILD_WORDS = Set.of("child", "children", "baby", "infant");

    private static final Pattern YEARS_OLD = Pattern.compile("^([\\w-]+) years old$");

    /** An age cue said as a decade ("in her fifties", "in her late forties"): the part of it and the decade. */
    private static final Pattern IN_A_DECADE =
            Pattern.compile("in (?:his|her|their) ((?:early |late )?)(" + StoryCues.DECADE.pattern() + ")");

    /** The first year of a decade word: "fifties" → 50, "mid-forties" → 40, "teens" → 13. */
    static int decadeYears(String decade) {
        String d = decade.replace("mid-", "");
        if (d.equals("teens")) return 13;
        return 10
                * (2
                        + List.of(
                                        "twenties",
                                        "thirties",
                                        "forties",
                                        "fifties",
                                        "sixties",
                                        "seventies",
                                        "eighties",
                                        "nineties")
                                .indexOf(d));
    }

    /** "forty years old" → 40: an age of eighteen years or more, else null. */
    static Integer grownYearsOf(String age) {
        Matcher m = YEARS_OLD.matcher(age);
        if (!m.matches()) return null;
        int years = StoryCues.years(m.group(1));
        return years >= 18 ? years : null; // "a woman of nineteen", no girl
    }

    /** "twelve years old" → "twelve" when the age is under eighteen, else null. */
    static String yearsOf(String age) {
        Matcher m = YEARS_OLD.matcher(age);
        if (!m.matches()) return null;
        String n = m.group(1);
        boolean under18 = (CueCheck.TEENS_OR_LESS.contains(n)
                        && !List.of("eighteen", "nineteen").contains(n))
                || n.matches("1?[0-7]|\\d");
        return under18 ? n : null;
    }

    static java.util.Optional<Gender> genderFromWords(String text) {
        if (text.matches(
                ".*\\b(wife|daughter|queen|princess|girl|woman|mother|stepmother|sister|maid|widow|witch|lady)\\b.*")) {
            return java.util.Optional.of(Gender.FEMALE);
        }
        if (text.matches(
                ".*\\b(husband|son|king|prince|boy|man|father|brother|captain|tailor|woodcutter|cobbler)\\b.*")) {
            return java.util.Optional.of(Gender.MALE);
        }
        return java.util.Optional.empty();
    }

    /** "the eldest" and "the youngest" of "her two daughters": someone's child, young as the group is. */
    private static boolean childOfAFamily(StoryCharacter c, List<StoryCharacter> all) {
        if (c.memberOf() == null) return false;
        return all.stream()
                .anyMatch(g -> g.id().equals(c.memberOf())
                        && g.name().toLowerCase(Locale.ROOT).matches(".*\\b(sisters|daughters|brothers|sons)$"));
    }

    /** One example description taken apart: "a tanned man in his early sixties with a heavy-set build, …". */
    record Look(String skin, Gender gender, String age, String build, String face, String hair, String clothing) {
        private static final Pattern SHAPE = Pattern.compile("^an? (.+?) (man|woman|boy|girl|youth|person|lady)"
                + " (in (?:his|her|their) [a-z -]+?|of (?:about )?\\d+|aged \\d+) with (?:an? )?(.+?) build, (.+)$");

        static java.util.Optional<Look> parse(String description) {
            Matcher m = SHAPE.matcher(description.strip().replaceAll("[.]+$", ""));
            if (!m.matches()) {
                return java.util.Optional.empty();
            }
            String rest = m.group(5);
            int wearing = rest.indexOf(", wearing ");
            String features = wearing >= 0 ? rest.substring(0, wearing) : rest;
            String clothing = wearing >= 0 ? rest.substring(wearing + ", wearing ".length()) : "simple clothes";
            int lastComma = features.lastIndexOf(", ");
            String hair = lastComma >= 0 && features.substring(lastComma).contains("hair")
                    ? features.substring(lastComma + 2)
                    : "";
            String face = hair.isEmpty() ? features : features.substring(0, lastComma);
            Gender g = switch (m.group(2)) {
                case "woman", "girl", "lady" -> Gender.FEMALE;
                case "man", "boy" -> Gender.MALE;
                default -> Gender.UNKNOWN;
            };
            return java.util.Optional.of(new Look(
                    // "a brown-skinned old woman …": the age word belongs to the example's age, not its skin
                    m.group(1)
                            .replaceAll("\\s*\\b(old|young|elderly|aged)\\b", "")
                            .strip(),
                    g,
                    m.group(3),
                    m.group(4),
                    face,
                    hair.isEmpty() ? "neatly kept hair" : hair,
                    clothing));
        }
    }

    static String adjustGender(String clause, Gender gender) {
        // a woman's face is no "clean-faced face", her hair no "close-faced hair": the shave goes, the crop stays
        if (gender == Gender.FEMALE)
            clause = clause.replaceAll("(,\\s*)?\\bclean-shaven\\b", "")
                    .replaceAll("\\bclose-shaven\\b", "close-cropped")
                    .replaceAll("\\s{2,}", " ")
                    .strip();
        Map<String, String> swap = switch (gender) {
            case FEMALE -> TO_FEMALE;
            case MALE -> TO_MALE;
            case UNKNOWN -> Map.of();
        };
        if (swap.isEmpty()) {
            return clause;
        }
        Matcher m = WORD.matcher(clause);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            String r = swap.get(w.toLowerCase(Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(r == null ? w : r));
        }
        m.appendTail(out);
        return out.toString();
    }
}

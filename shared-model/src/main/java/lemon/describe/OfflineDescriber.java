package lemon.describe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.analysis.CharacterContexts;
import lemon.model.CdPair;
import lemon.model.Gender;
import lemon.model.StoryCharacter;
import lemon.port.CharacterDescriber;

/**
 * The describer used when no LLM is configured. It does what the ICL prompt asks an LLM to do,
 * by rule: age, gender and role from the story's own cues, build / face / hair / clothing
 * clauses borrowed from the retrieved C.D. examples (best match first), adjusted to the
 * character's gender, and a look that fits the role. Deterministic for the same inputs.
 */
public final class OfflineDescriber implements CharacterDescriber {
    private static final Pattern WORD = Pattern.compile("[A-Za-z']+");
    private static final Set<String> YOUNG = Set.of("young", "little", "child", "boy", "girl", "maiden",
            "youth", "lad", "lass", "youngest", "baby", "daughter", "son", "prince", "princess");
    private static final Set<String> OLD = Set.of("old", "aged", "grey", "gray", "elderly", "ancient",
            "grandmother", "grandfather", "widow", "eldest", "wrinkled");
    private static final List<String> STORY_TRAITS = List.of("beautiful", "handsome", "ugly", "tall", "short",
            "fat", "thin", "strong", "poor", "rich", "wicked", "kind", "clever", "proud", "cruel", "brave",
            "gentle", "greedy", "lovely", "fair", "pale", "lame", "hunchbacked", "small", "huge", "jealous");
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
            Map.entry("tailor", "wearing a patched waistcoat with a measuring tape around the neck and a needle cushion at the belt"),
            Map.entry("woodcutter", "wearing a rough woollen tunic and leather boots, an axe over the shoulder"),
            Map.entry("miller", "wearing a flour-dusted apron over plain work clothes"),
            Map.entry("merchant", "wearing a rich silk robe and a turban, a purse at the belt"),
            Map.entry("thief", "wearing a dark tunic, a sash and a curved dagger at the belt"),
            Map.entry("robber", "wearing a dark tunic, a sash and a curved dagger at the belt"),
            Map.entry("captain", "wearing a dark turban, a heavy sash and a curved sword, with a commanding stare"),
            Map.entry("slave", "wearing a simple linen dress and a headscarf, sleeves rolled for work"),
            Map.entry("servant", "wearing plain servant's clothes and an apron"),
            Map.entry("maid", "wearing a plain dress, apron and cap"),
            Map.entry("soldier", "wearing a worn uniform coat with brass buttons and a sword"),
            Map.entry("huntsman", "wearing a green hunting coat, a feathered hat and a bow"),
            Map.entry("giant", "towering and broad-shouldered, in coarse hides and a heavy belt"),
            Map.entry("dwarf", "very short and stout, with a long beard and a pointed cap"),
            Map.entry("stepmother", "wearing a stiff dark gown and a tight lace collar, lips pressed thin"),
            Map.entry("shoemaker", "wearing a leather apron, an awl tucked in the pocket"),
            Map.entry("fisherman", "wearing a salt-stained smock and rolled trousers"),
            Map.entry("shepherd", "wearing a rough cloak, a crook in hand"),
            Map.entry("magician", "wearing a long dark robe patterned with stars and a tall pointed hat"),
            Map.entry("sultan", "wearing a jewelled turban and a robe of gold brocade"),
            Map.entry("genie", "enormous and blue-skinned, with a topknot and golden armbands"));
    private static final Map<String, String> TO_FEMALE = Map.ofEntries(Map.entry("he", "she"),
            Map.entry("his", "her"), Map.entry("him", "her"), Map.entry("man", "woman"), Map.entry("men", "women"),
            Map.entry("boy", "girl"), Map.entry("beard", "braid"), Map.entry("moustache", "earrings"),
            Map.entry("stubble", "freckles"), Map.entry("gentleman", "lady"), Map.entry("himself", "herself"));
    private static final Map<String, String> TO_MALE = Map.ofEntries(Map.entry("she", "he"),
            Map.entry("her", "his"), Map.entry("hers", "his"), Map.entry("woman", "man"), Map.entry("women", "men"),
            Map.entry("girl", "boy"), Map.entry("lady", "gentleman"), Map.entry("herself", "himself"),
            Map.entry("gown", "robe"), Map.entry("dress", "tunic"), Map.entry("skirt", "breeches"));

    @Override
    public String name() {
        return "offline-describer (rule-based, composes from retrieved examples; not an LLM)";
    }

    @Override
    public String describe(String storyTitle, String storyText, StoryCharacter character, List<StoryCharacter> all,
                           List<CdPair> examples) {
        List<String> mentions = CharacterContexts.mentionSentences(storyText, character, all);
        Set<String> cueWords = new LinkedHashSet<>();
        for (String s : mentions) {
            Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
            while (m.find()) {
                cueWords.add(m.group());
            }
        }
        String roleText = (character.role() + " " + character.name()).toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        parts.add(ageAndGender(character, cueWords, roleText));
        List<String> traits = STORY_TRAITS.stream().filter(cueWords::contains).limit(2).toList();
        if (!character.role().isBlank()) {
            parts.add("the " + character.role() + " of " + storyTitle);
        }
        if (!traits.isEmpty()) {
            parts.add(String.join(" and ", traits) + " in manner");
        }
        String roleLook = ROLE_LOOK.entrySet().stream()
                .filter(e -> Pattern.compile("\\b" + e.getKey() + "\\b").matcher(roleText).find())
                .map(Map.Entry::getValue).sorted().findFirst().orElse(null);
        Clauses borrowed = Clauses.from(examples, character.gender());
        borrowed.build().ifPresent(parts::add);
        borrowed.face().ifPresent(parts::add);
        borrowed.hair().ifPresent(parts::add);
        if (roleLook != null) {
            parts.add(roleLook);
        } else {
            borrowed.clothing().ifPresent(parts::add);
        }
        boolean negative = traits.stream().anyMatch(NEGATIVE_TRAITS::contains)
                || roleText.matches(".*\\b(witch|thief|robber|captain|giant|stepmother|wolf|magician)\\b.*");
        parts.add(negative ? "a hard, scheming look in the eyes" : "an open, warm expression");
        return String.join(", ", parts);
    }

    private static String ageAndGender(StoryCharacter c, Set<String> cues, String roleText) {
        String noun = switch (c.gender()) {
            case MALE -> "man";
            case FEMALE -> "woman";
            case UNKNOWN -> "person";
        };
        boolean young = YOUNG.stream().anyMatch(w -> cues.contains(w) || roleText.contains(w));
        boolean old = OLD.stream().anyMatch(w -> cues.contains(w) || roleText.contains(w));
        if (young && !old) {
            return c.gender() == Gender.UNKNOWN ? "a young person in their late teens"
                    : "a young " + noun + " around twenty";
        }
        if (old && !young) {
            return "an old " + noun + " in " + (c.gender() == Gender.FEMALE ? "her" : c.gender() == Gender.MALE ? "his" : "their") + " sixties";
        }
        return "a " + noun + " in " + (c.gender() == Gender.FEMALE ? "her" : c.gender() == Gender.MALE ? "his" : "their") + " late thirties";
    }


    /** Appearance clauses taken from example descriptions, sorted into kinds. */
    record Clauses(java.util.Optional<String> build, java.util.Optional<String> face,
                   java.util.Optional<String> hair, java.util.Optional<String> clothing) {
        private static final Pattern HAIR = Pattern.compile("\\b(hair|bald|braid|braids|curls|locks|ponytail)\\b");
        private static final Pattern FACE = Pattern.compile("\\b(face|eyes|jaw|nose|cheeks|cheekbones|brow|lips|beard|moustache|skin|smile|freckles)\\b");
        private static final Pattern CLOTHING = Pattern.compile("\\b(wearing|dressed|robe|cloak|dress|gown|coat|tunic|jacket|shirt|apron|armour|armor|uniform|suit|hat|boots|scarf)\\b");
        private static final Pattern BUILD = Pattern.compile("\\b(build|slim|slender|stocky|lean|tall|broad|sturdy|wiry|heavy-set|plump|muscular|frame)\\b");

        static Clauses from(List<CdPair> examples, Gender gender) {
            String build = null, face = null, hair = null, clothing = null;
            for (CdPair ex : examples) {
                for (String clause : ex.description().replaceAll("[.]+$", "").split(",\\s*|;\\s*")) {
                    String c = stripLead(clause.strip());
                    if (c.isEmpty() || c.split(" ").length > 16) {
                        continue;
                    }
                    String low = c.toLowerCase(Locale.ROOT);
                    String adjusted = adjustGender(c, gender);
                    if (clothing == null && CLOTHING.matcher(low).find()) {
                        clothing = adjusted;
                    } else if (hair == null && HAIR.matcher(low).find()) {
                        hair = adjusted;
                    } else if (face == null && FACE.matcher(low).find()) {
                        face = adjusted;
                    } else if (build == null && BUILD.matcher(low).find()) {
                        build = adjusted;
                    }
                }
            }
            return new Clauses(java.util.Optional.ofNullable(build), java.util.Optional.ofNullable(face),
                    java.util.Optional.ofNullable(hair), java.util.Optional.ofNullable(clothing));
        }

        /** Drops the example's own "a woman in her forties with" opening: age and gender are ours. */
        private static String stripLead(String clause) {
            return clause.replaceFirst("(?i)^an? [a-z -]*?\\b(man|woman|person|boy|girl|lady|gentleman)\\b"
                    + "( in (his|her|their) [a-z -]+?)?( with| who has)?\\s+", "").strip();
        }

        private static String adjustGender(String clause, Gender gender) {
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
}

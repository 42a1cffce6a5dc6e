package lemon.mini.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

class BasePromptsTest {
    private static final Pattern TOKEN = Pattern.compile("<[^<>\\s]+>|[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    /** A text encoder that knows a few caption words and reads {@code max} of them. */
    static lemon.mini.pipelines.PromptWindow window(int max, String... known) {
        Set<String> words = Set.copyOf(Arrays.asList(known));
        return new lemon.mini.pipelines.PromptWindow(
                text -> {
                    List<String> out = new ArrayList<>();
                    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
                    while (m.find()) out.add(m.group());
                    return out;
                },
                words::contains,
                max,
                true);
    }

    static final lemon.mini.pipelines.PromptWindow CAPTIONS = window(
            62, "a", "an", "the", "in", "her", "his", "with", "and", ",", "-", "woman", "man", "old", "young", "red",
            "blue", "green", "grey", "hair", "short", "long", "wearing", "dress", "coat", "beard", "wide", "brimmed",
            "hat");

    static final Map<String, StoryCharacter> CAST = cast(
            new StoryCharacter("anna", "Anna Berg", List.of("Anna"), Gender.FEMALE, "baker", 5),
            new StoryCharacter("boris", "Boris Kade", List.of("the blacksmith"), Gender.MALE, "smith", 4),
            new StoryCharacter("carl", "Carl Voss", List.of(), Gender.MALE, "sailor", 3));

    static final Map<String, String> DESCRIBED = Map.of(
            "anna", "a cheerful young woman with long auburn hair, wearing a navy dress and a flour-dusted apron.",
            "boris", "a burly old man with a grey beard, wearing a green coat and a wide-brimmed hat.",
            "carl", "a lanky young man with short red hair, wearing a blue coat.");

    @Test
    void namesBecomeDescriptionsInVisualizesOrderAndTheUnpaintedAClassWord() {
        Scene s = new Scene(
                4, "Anna Berg hands bread to the blacksmith while Carl Voss waits", List.of("anna", "boris", "carl"));
        BasePrompts.Painted p = BasePrompts.paint(s, CAST, DESCRIBED, List.of("anna", "boris"), "", CAPTIONS);
        assertEquals(List.of("anna", "boris"), p.characterIds());
        assertEquals(
                "a young woman with long red hair, wearing a blue dress hands bread to "
                        + "a old man with a grey beard, wearing a green coat and a wide-brimmed hat "
                        + "while a man waits",
                p.prompt());
    }

    @Test
    void theStyleIsAppendedAsVisualizeDoes() {
        Scene s = new Scene(0, "Carl Voss sails", List.of("carl"));
        BasePrompts.Painted p = BasePrompts.paint(s, CAST, DESCRIBED, List.of("carl"), "storybook", CAPTIONS);
        assertEquals("a young man with short red hair, wearing a blue coat sails, storybook", p.prompt());
    }

    @Test
    void aSceneWhosePaintedCharactersDisagreeWithVisualizeIsRefused() {
        Scene s = new Scene(1, "Anna Berg meets Carl Voss", List.of("anna", "carl"));
        assertThrows(
                IllegalStateException.class,
                () -> BasePrompts.paint(s, CAST, DESCRIBED, List.of("carl", "anna"), "", CAPTIONS));
    }

    @Test
    void aCharacterWithoutADescriptionIsItsClassWord() {
        Scene s = new Scene(1, "Anna Berg meets Carl Voss", List.of("anna", "carl"));
        BasePrompts.Painted p = BasePrompts.paint(
                s, CAST, Map.of("anna", DESCRIBED.get("anna")), List.of("anna", "carl"), "", CAPTIONS);
        assertTrue(p.prompt().endsWith("meets a man"), p.prompt());
    }

    @Test
    void eachPaintedCharacterGetsAnEqualShareOfTheWindow() {
        lemon.mini.pipelines.PromptWindow small = window(30, CAPTIONS.known()::test);
        Scene s = new Scene(2, "Anna Berg and Boris Kade and Carl Voss", List.of("anna", "boris", "carl"));
        BasePrompts.Painted p = BasePrompts.paint(s, CAST, DESCRIBED, List.of("anna", "boris", "carl"), "", small);
        // 30 words, 2 of them "and": 9 for each of the three
        for (String f : p.fitted().values()) assertTrue(small.words().apply(f).size() <= 9, f + " in " + p.prompt());
        assertTrue(small.words().apply(p.prompt()).size() <= 30, p.prompt());
        // the words that tell them apart survive the cut: the last character keeps its colours
        assertTrue(
                p.fitted().get("carl").contains("red hair")
                        && p.fitted().get("carl").contains("blue"),
                p.fitted().toString());
        assertTrue(p.fitted().get("boris").contains("grey beard"), p.fitted().toString());
    }

    @Test
    void aCharacterNamedTwiceIsDescribedTwiceWithinTheWindow() {
        lemon.mini.pipelines.PromptWindow small = window(30, CAPTIONS.known()::test);
        Scene s = new Scene(3, "Anna Berg greets Carl Voss and Anna Berg smiles", List.of("anna", "carl"));
        BasePrompts.Painted p = BasePrompts.paint(s, CAST, DESCRIBED, List.of("anna", "carl"), "", small);
        String anna = p.fitted().get("anna");
        assertEquals(2, p.prompt().split(java.util.regex.Pattern.quote(anna), -1).length - 1, p.prompt());
        // three mentions share what "greets", "and", "smiles" leave: 9 words each
        assertTrue(small.words().apply(anna).size() <= 9, anna);
        assertTrue(small.words().apply(p.prompt()).size() <= 30, p.prompt());
    }

    @Test
    void fittingDropsUnknownWordsThenFillerFromTheEndThenCuts() {
        String d = "a cheerful young woman with long auburn hair, wearing a navy dress and a flour-dusted apron.";
        assertEquals(
                "a young woman with long red hair, wearing a blue dress",
                lemon.mini.pipelines.PromptWindow.fit(d, 40, CAPTIONS));
        // filler words go from the end first, until it fits; then the end is cut
        assertEquals(
                "a young woman with long red hair wearing blue dress",
                lemon.mini.pipelines.PromptWindow.fit(d, 10, CAPTIONS));
        assertEquals("a young woman long red hair", lemon.mini.pipelines.PromptWindow.fit(d, 6, CAPTIONS));
        // a phrase of nothing but filler and unknown words is left out, not kept as "a"
        assertEquals(
                "an old man",
                lemon.mini.pipelines.PromptWindow.fit("an ancient, gnarled old man, of a grim temper.", 20, CAPTIONS));
    }

    @Test
    void theBundledWindowFitsARealDescription() throws Exception {
        lemon.mini.pipelines.PromptWindow bundled = lemon.mini.pipelines.PromptWindow.bundled();
        assertEquals(62, bundled.maxWords());
        // the committed weights say in generator_config.json whether they read compacted text
        assertEquals(
                BasePrompts.class.getResource("/lemon/mini/diffusion/generator_config.json") != null
                        && new String(BasePrompts.class
                                        .getResourceAsStream("/lemon/mini/diffusion/generator_config.json")
                                        .readAllBytes())
                                .replace(" ", "")
                                .contains("\"compactDescriptions\":true"),
                bundled.compacts());
        String d = "a poor, olive-skinned woman in her late teens, with a lean and graceful build, a handsome, "
                + "clean-shaven face and earnest, kind eyes, short cropped auburn hair, wearing a royal blue doublet "
                + "with gold buttons, a short velvet cape and riding boots.";
        String f = lemon.mini.pipelines.PromptWindow.fit(d, 15, bundled);
        assertTrue(bundled.words().apply(f).size() <= 15, f);
        assertTrue(f.contains("woman") && f.contains("red hair") && f.contains("blue"), f);
        assertFalse(f.contains("<unk>"), f);
        for (String w : bundled.words().apply(f)) assertTrue(bundled.known().test(w), w + " in " + f);
    }

    @Test
    void aCompactingGeneratorCountsOnlyTheWordsItKnowsAnotherEachWord() {
        assertEquals(4, CAPTIONS.length("the quick brown fox and a hat"), "it leaves the unknown words out");
        lemon.mini.pipelines.PromptWindow plain =
                new lemon.mini.pipelines.PromptWindow(CAPTIONS.words(), CAPTIONS.known(), 62, false);
        assertEquals(7, plain.length("the quick brown fox and a hat"));
        // so a generator that reads every unknown word leaves each description less room
        Scene s = new Scene(5, "On the same quiet grey morning Anna Berg met Carl Voss", List.of("anna", "carl"));
        lemon.mini.pipelines.PromptWindow small =
                new lemon.mini.pipelines.PromptWindow(CAPTIONS.words(), CAPTIONS.known(), 30, false);
        BasePrompts.Painted p = BasePrompts.paint(s, CAST, DESCRIBED, List.of("anna", "carl"), "", small);
        assertTrue(small.words().apply(p.prompt()).size() <= 30, p.prompt());
    }

    static lemon.mini.pipelines.PromptWindow window(int max, java.util.function.Predicate<String> known) {
        return new lemon.mini.pipelines.PromptWindow(CAPTIONS.words(), known, max, true);
    }

    static Map<String, StoryCharacter> cast(StoryCharacter... cs) {
        Map<String, StoryCharacter> m = new LinkedHashMap<>();
        for (StoryCharacter c : cs) m.put(c.id(), c);
        return m;
    }
}

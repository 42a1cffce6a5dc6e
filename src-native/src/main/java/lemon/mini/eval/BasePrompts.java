package lemon.mini.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.pipelines.DescriptionWords;
import lemon.mini.pipelines.GeneratorConfig;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.visualize.ScenePrompts;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/**
 * The Base method's scene prompts (the paper's "StableDiffusion" row): the scene prompt as
 * visualize paints it ({@link ScenePrompts}: the same characters, the same left-to-right order,
 * unpainted ones as their class word, the style appended), with each painted character's
 * description where visualize puts its learned token.
 *
 * <p><b>Long descriptions.</b> A description-writer's sentence is 35–45 words; two or three of them
 * do not fit the text encoder's window (64 tokens with its start and end marks), and the generator
 * would cut the prompt at the end, so the last character would lose its description (the hair and
 * clothing words come last in each). Instead each mention of a painted character gets an equal
 * share of the window left after the rest of the prompt ({@code (window − other words) /
 * mentions}, at least {@value #MIN_SHARE}; the other words counted as the generator reads them,
 * {@link Window#length}; a character named twice is described twice, as visualize names its token
 * twice), and its description is fitted into that share ({@link #fit}) by what the text encoder
 * can read of it: words it does not know are left out (each would only be an unknown token),
 * comma-phrases left with nothing but articles and prepositions go, and if it is still too long,
 * such filler words go from the end, then the end is cut. The colour, hair, clothing and gender
 * words survive, and the prompt fits the window, so no character loses its description to the cut.
 */
public final class BasePrompts {
    private BasePrompts() {}

    /** Fewest words a description keeps, however crowded the prompt. */
    public static final int MIN_SHARE = 8;

    /** Words that carry no appearance on their own: dropped first when a description must shrink. */
    static final Set<String> FILLER = Set.of(
            ",", ";", "-", "a", "an", "the", "and", "with", "in", "of", "on", "at", "to", "by", "her", "his", "is",
            "who", "over", "under", "up", "around", "past", "them", "each", "other", "while", "before", "beside");

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    /**
     * What the text encoder reads: its word splitter (lower-cased words and marks), the words it
     * knows, how many words fit its window besides the start and end marks, and whether the
     * generator leaves out the words it does not know ({@link DescriptionWords#compact}) or reads
     * each as an unknown token of its own.
     */
    public record Window(
            Function<String, List<String>> words, Predicate<String> known, int maxWords, boolean compacts) {
        public Window {
            if (maxWords < MIN_SHARE)
                throw new IllegalArgumentException("a window of " + maxWords + " words is too small");
        }

        /**
         * The bundled diffusion model's text encoder (its tokenizer, window, and whether its weights
         * read compacted descriptions; no weights loaded).
         */
        public static Window bundled() {
            String dir = PortraitPipeline.RESOURCE + "/text/";
            try {
                CaptionTokenizer tok = CaptionTokenizer.fromBytes(resource(dir + "tokenizer.json"));
                int maxTokens = ModelManifest.fromBytes(resource(dir + ModelManifest.FILE))
                        .config(TextEncoderConfig.class)
                        .maxTokens();
                byte[] config = optionalResource(PortraitPipeline.RESOURCE + "/" + GeneratorConfig.FILE);
                boolean compacts = config != null
                        && new ObjectMapper()
                                .readValue(config, GeneratorConfig.class)
                                .compactDescriptions();
                return of(tok, maxTokens, compacts);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read the bundled text encoder's tokenizer: " + e.getMessage(), e);
            }
        }

        /** What a text encoder with this tokenizer and window (start and end marks included) reads. */
        public static Window of(CaptionTokenizer tok, int maxTokens, boolean compacts) {
            return new Window(tok::words, w -> tok.id(w) != CaptionTokenizer.UNK_ID, maxTokens - 2, compacts);
        }

        /** How many of the window's words {@code text} takes. */
        public int length(String text) {
            List<String> ws = words.apply(text);
            if (!compacts) return ws.size();
            return (int) ws.stream().filter(known).count();
        }

        private static byte[] optionalResource(String name) throws IOException {
            try (InputStream in = BasePrompts.class.getResourceAsStream(name)) {
                return in == null ? null : in.readAllBytes();
            }
        }

        private static byte[] resource(String name) throws IOException {
            try (InputStream in = BasePrompts.class.getResourceAsStream(name)) {
                if (in == null) throw new IOException("no resource " + name);
                return in.readAllBytes();
            }
        }
    }

    /**
     * A Base prompt: the text to paint, the characters painted (left to right), and each one's
     * description as fitted into the prompt.
     */
    public record Painted(String prompt, List<String> characterIds, Map<String, String> fitted) {}

    /**
     * @param descriptions character id → its description (descriptions.json); a character without
     *     one is painted as its class word ("a woman")
     * @param painted the characters visualize painted in this scene (SceneImage.characterIds), in order
     */
    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> descriptions,
            List<String> painted,
            String style,
            Window window) {
        return paint(scene, characters, descriptions, painted, style, window, ScenePrompts.Register.SENTENCE);
    }

    /** @param register the wording visualize used around the tokens (the painter's: {@code ImageGenerator.readsFreeText}) */
    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> descriptions,
            List<String> painted,
            String style,
            Window window,
            ScenePrompts.Register register) {
        // markers where visualize puts the tokens: only the painted characters get one, so the
        // rest become class words exactly as in visualize's prompt
        Map<String, String> markers = new LinkedHashMap<>();
        for (int i = 0; i < painted.size(); i++) markers.put(painted.get(i), "\uE000" + i + "\uE001");
        ScenePrompts.Painted p =
                ScenePrompts.paint(scene, characters, markers, VisualizeStage.MAX_PEOPLE, style, register);
        if (!p.characterIds().equals(painted)) {
            throw new IllegalStateException("scene " + scene.index() + ": visualize painted " + painted
                    + " but its prompt names " + p.characterIds() + " in that order");
        }
        String outside = p.prompt();
        int mentions = 0; // a character named twice ("Rapunzel cast out Rapunzel") is described twice
        for (String m : markers.values()) {
            for (int at = outside.indexOf(m); at >= 0; at = outside.indexOf(m, at + 1)) mentions++;
            outside = outside.replace(m, " ");
        }
        int share = mentions == 0
                ? window.maxWords()
                : Math.max(MIN_SHARE, (window.maxWords() - window.length(outside)) / mentions);
        String prompt = p.prompt();
        Map<String, String> fitted = new LinkedHashMap<>();
        for (String id : painted) {
            String d = descriptions.get(id);
            String f = d == null || d.isBlank() ? "" : fit(d, share, window);
            if (f.isEmpty())
                f = "a " + PersonalizeStage.classWord(characters.get(id).gender());
            fitted.put(id, f);
            prompt = prompt.replace(markers.get(id), f);
        }
        return new Painted(prompt, List.copyOf(painted), fitted);
    }

    /**
     * A description shortened to at most {@code share} words the text encoder knows (see the class
     * comment): "a poor, olive-skinned woman in her late teens, …, short cropped auburn hair,
     * wearing a royal blue doublet" keeps "a olive woman, …, short cropped red hair, wearing a blue".
     */
    public static String fit(String description, int share, Window window) {
        String text = description.strip().replaceAll("[.!]+$", "");
        List<String> words = window.words().apply(DescriptionWords.normalise(text, window.known()));
        List<List<String>> phrases = new ArrayList<>();
        List<String> phrase = new ArrayList<>();
        for (int i = 0; i <= words.size(); i++) {
            String w = i < words.size() ? words.get(i) : ",";
            if (w.equals(",") || w.equals(";") || w.equals(".")) {
                while (!phrase.isEmpty() && FILLER.contains(phrase.get(phrase.size() - 1)))
                    phrase.remove(phrase.size() - 1);
                if (phrase.stream().anyMatch(x -> !FILLER.contains(x))) phrases.add(phrase);
                phrase = new ArrayList<>();
            } else if (isWord(w) ? window.known().test(w) : keepMark(words, i, window)) {
                phrase.add(w);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> ph : phrases) {
            if (!out.isEmpty()) out.add(",");
            out.addAll(ph);
        }
        List<String> original = window.words().apply(text.toLowerCase(Locale.ROOT));
        if (!out.isEmpty()
                && !original.isEmpty()
                && ARTICLES.contains(original.get(0))
                && !ARTICLES.contains(out.get(0))) out.add(0, original.get(0)); // "a" poor, olive… → "a olive …"
        for (int i = out.size() - 1; out.size() > share && i > 0; i--) if (FILLER.contains(out.get(i))) out.remove(i);
        List<String> kept = new ArrayList<>(out.subList(0, Math.min(share, out.size())));
        while (!kept.isEmpty() && kept.get(kept.size() - 1).equals(",")) kept.remove(kept.size() - 1);
        return String.join(" ", kept).replace(" , ", ", ").replace(" - ", "-");
    }

    private static boolean isWord(String w) {
        return Character.isLetterOrDigit(w.codePointAt(0));
    }

    /** A mark inside a phrase ("wide-brimmed") is kept when the encoder knows it and the words on both sides. */
    private static boolean keepMark(List<String> words, int i, Window window) {
        return window.known().test(words.get(i))
                && i > 0
                && i + 1 < words.size()
                && isWord(words.get(i - 1))
                && window.known().test(words.get(i - 1))
                && isWord(words.get(i + 1))
                && window.known().test(words.get(i + 1));
    }
}

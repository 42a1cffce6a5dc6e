package lemon.mini.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.TextEncoderConfig;

/**
 * What a text encoder reads, and how a description is fitted into a share of it (visualize's anchors when a
 * scene would overrun the window, Base's descriptions always, the personaliser's anchors): its word splitter (lower-cased words and marks), the words it
 * knows, how many words fit its window besides the start and end marks, and whether the
 * generator leaves out the words it does not know ({@link DescriptionWords#compact}) or reads
 * each as an unknown token of its own.
 */
public record PromptWindow(
        Function<String, List<String>> words, Predicate<String> known, int maxWords, boolean compacts) {
    /** Fewest words a description keeps, however crowded the prompt. */
    public static final int MIN_SHARE = 8;

    /** Words that carry no appearance on their own: dropped first when a description must shrink. */
    static final Set<String> FILLER = Set.of(
            ",", ";", "-", "a", "an", "the", "and", "with", "in", "of", "on", "at", "to", "by", "her", "his", "is",
            "who", "over", "under", "up", "around", "past", "them", "each", "other", "while", "before", "beside");

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    public PromptWindow {
        if (maxWords < MIN_SHARE) throw new IllegalArgumentException("a window of " + maxWords + " words is too small");
    }

    /**
     * The bundled diffusion model's text encoder (its tokenizer, window, and whether its weights
     * read compacted descriptions; no weights loaded).
     */
    public static synchronized PromptWindow bundled() {
        if (bundled == null) bundled = readBundled();
        return bundled;
    }

    private static PromptWindow bundled; // read once: the tokenizer and two small files, no weights

    private static PromptWindow readBundled() {
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
            throw new UncheckedIOException("cannot read the bundled text encoder's tokenizer: " + e.getMessage(), e);
        }
    }

    /** What a text encoder with this tokenizer and window (start and end marks included) reads. */
    public static PromptWindow of(CaptionTokenizer tok, int maxTokens, boolean compacts) {
        return new PromptWindow(tok::words, w -> tok.id(w) != CaptionTokenizer.UNK_ID, maxTokens - 2, compacts);
    }

    /**
     * Each of {@code mentions} descriptions' equal share of what {@code outsideWords} leave of the window, at least
     * {@link #MIN_SHARE}; the whole window when there are none.
     */
    public int share(int outsideWords, int mentions) {
        return mentions == 0 ? maxWords : Math.max(MIN_SHARE, (maxWords - outsideWords) / mentions);
    }

    /** How many of the window's words {@code text} takes. */
    public int length(String text) {
        List<String> ws = words.apply(text);
        if (!compacts) return ws.size();
        return (int) ws.stream().filter(known).count();
    }

    private static byte[] optionalResource(String name) throws IOException {
        try (InputStream in = PromptWindow.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PromptWindow.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("no resource " + name);
            return in.readAllBytes();
        }
    }

    /**
     * A description shortened to at most {@code share} words the text encoder knows (see the class
     * comment): "a poor, olive-skinned woman in her late teens, …, short cropped auburn hair,
     * wearing a royal blue doublet" keeps "a olive woman, …, short cropped red hair, wearing a blue".
     */
    public static String fit(String description, int share, PromptWindow window) {
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
    private static boolean keepMark(List<String> words, int i, PromptWindow window) {
        return window.known().test(words.get(i))
                && i > 0
                && i + 1 < words.size()
                && isWord(words.get(i - 1))
                && window.known().test(words.get(i - 1))
                && isWord(words.get(i + 1))
                && window.known().test(words.get(i + 1));
    }
}

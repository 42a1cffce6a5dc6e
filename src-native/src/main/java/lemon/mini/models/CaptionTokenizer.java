package lemon.mini.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level tokenizer for lemon-mini captions. Words are lower-cased runs of letters/digits,
 * punctuation marks are tokens of their own, and {@code <name>} is one token (that is how
 * personalisation writes a story character's new token into a caption). Ids 0–3 are the special
 * tokens; base words follow in frequency order. Tokens added later get ids after the base
 * vocabulary's fixed size, so the base embedding table never changes shape.
 */
public final class CaptionTokenizer {
    public static final String PAD = "<pad>", BOS = "<bos>", EOS = "<eos>", UNK = "<unk>";
    public static final int PAD_ID = 0, BOS_ID = 1, EOS_ID = 2, UNK_ID = 3;
    private static final Pattern TOKEN = Pattern.compile("<[^<>\\s]+>|[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int baseSize;
    private final List<String> base;
    private final List<String> added = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    /** @param baseSize the embedding table's row count; base tokens beyond the list are never used */
    public CaptionTokenizer(int baseSize, List<String> baseTokens, List<String> addedTokens) {
        if (baseTokens.size() > baseSize)
            throw new IllegalArgumentException("vocabulary of " + baseTokens.size() + " exceeds " + baseSize);
        if (baseTokens.size() < 4 || !baseTokens.subList(0, 4).equals(List.of(PAD, BOS, EOS, UNK))) {
            throw new IllegalArgumentException("vocabulary must start with " + List.of(PAD, BOS, EOS, UNK));
        }
        this.baseSize = baseSize;
        this.base = List.copyOf(baseTokens);
        for (int i = 0; i < base.size(); i++) ids.put(base.get(i), i);
        for (String t : addedTokens) addToken(t);
    }

    /** Builds a vocabulary from captions: words by descending count (ties alphabetical), at most baseSize. */
    public static CaptionTokenizer fromCaptions(List<String> captions, int baseSize) {
        Map<String, Integer> counts = new HashMap<>();
        for (String c : captions) for (String w : split(c)) counts.merge(w, 1, Integer::sum);
        List<String> words = new ArrayList<>(counts.keySet());
        words.removeAll(List.of(PAD, BOS, EOS, UNK));
        words.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
        List<String> vocab = new ArrayList<>(List.of(PAD, BOS, EOS, UNK));
        vocab.addAll(words.subList(0, Math.min(words.size(), baseSize - 4)));
        return new CaptionTokenizer(baseSize, vocab, List.of());
    }

    /** The words and marks the tokenizer reads in {@code text}, lower-cased, before ids. */
    public List<String> words(String text) {
        return split(text);
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Adds a token (e.g. {@code <alice>}) and returns its id; an existing token keeps its id. */
    public int addToken(String token) {
        Integer have = ids.get(token);
        if (have != null) return have;
        if (split(token).size() != 1) throw new IllegalArgumentException("not a single token: " + token);
        int id = baseSize + added.size();
        added.add(token);
        ids.put(token, id);
        return id;
    }

    /** bos, words (unknown → unk), eos, then pad to maxTokens; over-long captions are cut before eos. */
    public long[] encode(String caption, int maxTokens) {
        List<String> words = split(caption);
        long[] out = new long[maxTokens];
        int n = Math.min(words.size(), maxTokens - 2);
        out[0] = BOS_ID;
        for (int i = 0; i < n; i++) out[i + 1] = ids.getOrDefault(words.get(i), UNK_ID);
        out[n + 1] = EOS_ID;
        return out;
    }

    /**
     * Where {@code token} (e.g. a placeholder {@code <s1>}) sits among {@link #encode}'s ids for this
     * caption (position 0 is bos); occurrences cut off by {@code maxTokens} are left out.
     */
    public int[] positions(String caption, String token, int maxTokens) {
        List<String> words = split(caption);
        String t = token.toLowerCase(Locale.ROOT);
        int n = Math.min(words.size(), maxTokens - 2);
        return java.util.stream.IntStream.range(0, n)
                .filter(i -> words.get(i).equals(t))
                .map(i -> i + 1)
                .toArray();
    }

    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    public int baseSize() {
        return baseSize;
    }

    public List<String> baseTokens() {
        return base;
    }

    public List<String> addedTokens() {
        return Collections.unmodifiableList(added);
    }

    public void save(Path file) throws IOException {
        java.nio.file.Files.write(file, toBytes());
    }

    /** tokenizer.json's bytes (what {@link #save} writes). */
    public byte[] toBytes() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseSize", baseSize);
        m.put("tokens", base);
        m.put("added", added);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }

    public static CaptionTokenizer load(Path file) throws IOException {
        return fromBytes(java.nio.file.Files.readAllBytes(file));
    }

    @SuppressWarnings("unchecked")
    public static CaptionTokenizer fromBytes(byte[] json) throws IOException {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return new CaptionTokenizer(
                (Integer) m.get("baseSize"), (List<String>) m.get("tokens"), (List<String>) m.get("added"));
    }
}

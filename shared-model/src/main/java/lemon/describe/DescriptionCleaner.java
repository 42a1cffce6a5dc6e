package lemon.describe;

import java.util.regex.Pattern;

/**
 * Turns whatever a describer produced into one prompt-ready sentence: no quotes, labels or
 * Markdown, no line breaks, at most {@link #MAX_WORDS} words, cut at a clause boundary.
 */
public final class DescriptionCleaner {
    public static final int MAX_WORDS = 60;
    private static final Pattern LABEL = Pattern.compile("^(?i)(description|appearance|answer)\\s*[:：-]\\s*");
    private static final Pattern MARKUP = Pattern.compile("[*_`#>]+");

    private DescriptionCleaner() {}

    public static String clean(String raw, String characterName) {
        if (raw == null) {
            throw new IllegalStateException("no description was produced for " + characterName);
        }
        String s = MARKUP.matcher(raw).replaceAll(" ").replaceAll("\\s+", " ").strip();
        s = LABEL.matcher(s).replaceFirst("");
        s = s.replaceAll("^[\"'“‘\\s]+|[\"'”’\\s]+$", "");
        s = s.replaceFirst("(?i)^" + Pattern.quote(characterName) + "\\s*[:：-]\\s*", "");
        String[] words = s.split(" ");
        if (words.length > MAX_WORDS) {
            String cut = String.join(" ", java.util.Arrays.copyOf(words, MAX_WORDS));
            int comma = cut.lastIndexOf(',');
            s = comma > cut.length() / 2 ? cut.substring(0, comma) : cut;
        }
        s = s.replaceAll("[,;:\\s]+$", "");
        if (s.isBlank()) {
            throw new IllegalStateException("the description of " + characterName + " was empty after cleaning");
        }
        return s.endsWith(".") ? s : s + ".";
    }
}

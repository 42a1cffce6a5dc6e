package lemon.analysis;

import java.text.Normalizer;
import java.util.Locale;

/** Character ids: lower-case ASCII slugs of canonical names ("Cassim's wife" → "cassims-wife"). */
public final class Slugs {
    private Slugs() {}

    public static String of(String name) {
        String s = Normalizer.normalize(MentionIndex.stripArticle(name), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace("'", "")
                .replace("’", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "character" : s;
    }
}

package lemon.engine.matcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import lemon.cd.CdDatabase;
import lemon.port.TextEncoder;
import lemon.retrieval.ContextWindows;
import lemon.story.CdPair;

/** Context windows of the C.D. database and their script-level train / held-out split. */
public final class MatcherData {
    /** Every {@value}-th script (in sorted title order) is held out for evaluation. */
    public static final int HOLD_OUT_EVERY = 5;

    private static final List<String> RANDOM_NAMES = List.of(
            "Anna", "Tomas", "Kira", "Joss", "Mirela", "Oskar", "Leda", "Rafe", "Ines", "Bodo", "Yara", "Cyril", "Nell",
            "Piet", "Suri", "Hamid");

    private MatcherData() {}

    /** One character and the MiniLM embeddings of its (masked or renamed) context windows. */
    public record EncodedCharacter(String id, String script, float[][] windows) {}

    /** Scripts held out from training (deterministic: depends only on the set of titles). */
    public static Set<String> heldOutScripts(CdDatabase db) {
        List<String> scripts = new ArrayList<>(scripts(db));
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < scripts.size(); i++) if (i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1) out.add(scripts.get(i));
        return out;
    }

    static Set<String> scripts(CdDatabase db) {
        Set<String> s = new TreeSet<>();
        for (CdPair p : db.pairs()) s.add(p.script());
        return s;
    }

    /** Character names per script: what gets masked in a script's windows. */
    public static Map<String, List<String>> castByScript(List<CdPair> pairs) {
        Map<String, List<String>> cast = new LinkedHashMap<>();
        for (CdPair p : pairs)
            cast.computeIfAbsent(p.script(), k -> new ArrayList<>()).add(p.character());
        return cast;
    }

    /** The pair's windows with every cast name replaced by {@link ContextWindows#MASK}. */
    public static List<String> maskedWindows(CdPair p, List<String> cast) {
        List<String> w = ContextWindows.maskedWindows(p.context(), p.character(), cast);
        return w.isEmpty() ? List.of(ContextWindows.mask(p.context(), cast)) : w;
    }

    /**
     * Training windows: names "randomly modified" as in §4.1 — each cast member becomes either
     * the mask word or a random name, independently per window, so no name carries the label.
     */
    static List<String> renamedWindows(CdPair p, List<String> cast, Random rnd) {
        List<String> out = new ArrayList<>();
        for (String w : ContextWindows.windows(p.context(), p.character())) {
            String s = w;
            List<String> sorted = new ArrayList<>(cast);
            sorted.sort((a, b) -> b.length() - a.length());
            for (String n : sorted) {
                String repl =
                        rnd.nextInt(3) == 0 ? ContextWindows.MASK : RANDOM_NAMES.get(rnd.nextInt(RANDOM_NAMES.size()));
                s = s.replace(n, repl);
            }
            out.add(s);
        }
        return out;
    }

    /** Encodes {@code variants} renamed copies of every window of the given pairs. */
    public static List<EncodedCharacter> encodeForTraining(
            List<CdPair> pairs, List<CdPair> all, TextEncoder encoder, int variants, long seed) {
        Map<String, List<String>> cast = castByScript(all);
        Random rnd = new Random(seed);
        List<String> texts = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (CdPair p : pairs) {
            int from = texts.size();
            for (int v = 0; v < variants; v++) texts.addAll(renamedWindows(p, cast.get(p.script()), rnd));
            ranges.add(new int[] {from, texts.size()});
        }
        float[][] emb = encoder.encode(texts);
        List<EncodedCharacter> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int[] r = ranges.get(i);
            float[][] w = new float[r[1] - r[0]][];
            System.arraycopy(emb, r[0], w, 0, w.length);
            out.add(new EncodedCharacter(pairs.get(i).id(), pairs.get(i).script(), w));
        }
        return out;
    }
}

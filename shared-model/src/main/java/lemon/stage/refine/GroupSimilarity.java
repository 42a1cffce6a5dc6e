package lemon.stage.refine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lemon.util.Vectors;

/**
 * The refining module's portrait scores (§4.3, Eq. 5). A single character cannot be cut out of a
 * scene reliably, so an accepted scene image z is compared with a group of portraits, one of each
 * character it shows: η = CLIP(z, Σ portrait embeddings). Over random groups, a portrait's score is
 * the mean η of the groups it was in; a portrait that looks unlike its character in the accepted
 * scenes scores low. Embeddings are L2-normalised.
 */
public final class GroupSimilarity {
    private GroupSimilarity() {}

    /** An accepted scene image: its embedding and the characters it shows. */
    public record Anchor(float[] embedding, List<String> characterIds) {}

    /**
     * @param portraits per character, its portraits' embeddings in training-set order
     * @return per character, the score of each portrait (NaN for a portrait never drawn), only for
     *     characters shown by some anchor
     */
    public static Map<String, double[]> scores(
            List<Anchor> anchors, Map<String, List<float[]>> portraits, int groupsPerAnchor, long seed) {
        Random r = new Random(seed);
        Map<String, double[]> sum = new LinkedHashMap<>();
        Map<String, int[]> count = new LinkedHashMap<>();
        for (Anchor a : anchors) {
            List<String> present = a.characterIds().stream()
                    .filter(id ->
                            portraits.containsKey(id) && !portraits.get(id).isEmpty())
                    .distinct()
                    .toList();
            if (present.isEmpty()) continue;
            for (int g = 0; g < groupsPerAnchor; g++) {
                float[] group = new float[a.embedding().length];
                int[] chosen = new int[present.size()];
                for (int c = 0; c < present.size(); c++) {
                    List<float[]> mine = portraits.get(present.get(c));
                    chosen[c] = r.nextInt(mine.size());
                    add(group, mine.get(chosen[c]));
                }
                double eta = Vectors.cosine(a.embedding(), group);
                for (int c = 0; c < present.size(); c++) {
                    String id = present.get(c);
                    int n = portraits.get(id).size();
                    sum.computeIfAbsent(id, k -> new double[n])[chosen[c]] += eta;
                    count.computeIfAbsent(id, k -> new int[n])[chosen[c]]++;
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        sum.forEach((id, s) -> {
            double[] mean = new double[s.length];
            for (int j = 0; j < s.length; j++) mean[j] = count.get(id)[j] == 0 ? Double.NaN : s[j] / count.get(id)[j];
            out.put(id, mean);
        });
        return out;
    }

    /**
     * The portraits to drop: those scoring more than {@code margin} below their character's median
     * score, lowest first, at most half of them (a character keeps most of what it is learned from).
     */
    public static List<Integer> toDrop(double[] scores, double margin) {
        List<Double> known = new ArrayList<>();
        for (double s : scores) if (!Double.isNaN(s)) known.add(s);
        if (known.size() < 2) return List.of();
        known.sort(null);
        int n = known.size();
        double median = n % 2 == 1 ? known.get(n / 2) : (known.get(n / 2 - 1) + known.get(n / 2)) / 2;
        List<Integer> low = new ArrayList<>();
        for (int j = 0; j < scores.length; j++) if (!Double.isNaN(scores[j]) && scores[j] < median - margin) low.add(j);
        low.sort((x, y) -> Double.compare(scores[x], scores[y]));
        return low.subList(0, Math.min(low.size(), scores.length / 2));
    }

    /**
     * Which candidate to put in place of portrait {@code j}: the one that leaves the portraits'
     * {@link #spread} lowest, or -1 when none leaves it lower than portrait j does.
     */
    public static int replacement(List<float[]> portraits, int j, List<float[]> candidates) {
        double best = spread(portraits);
        int chosen = -1;
        List<float[]> trial = new ArrayList<>(portraits);
        for (int c = 0; c < candidates.size(); c++) {
            trial.set(j, candidates.get(c));
            double s = spread(trial);
            if (s < best) {
                best = s;
                chosen = c;
            }
        }
        return chosen;
    }

    /** Mean pairwise cosine distance (1 − cos) among a character's portraits: 0 when all alike. */
    public static double spread(List<float[]> embeddings) {
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < embeddings.size(); i++) {
            for (int j = i + 1; j < embeddings.size(); j++) {
                total += 1 - Vectors.cosine(embeddings.get(i), embeddings.get(j));
                pairs++;
            }
        }
        return pairs == 0 ? 0 : total / pairs;
    }

    private static void add(float[] into, float[] v) {
        for (int i = 0; i < into.length; i++) into[i] += v[i];
    }
}

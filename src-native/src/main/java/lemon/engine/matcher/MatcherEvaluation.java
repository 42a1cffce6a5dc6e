package lemon.engine.matcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import lemon.cd.CdDatabase;
import lemon.cd.CdDatabaseGenerator;
import lemon.engine.text.MiniLmEncoder;
import lemon.port.TextEncoder;
import lemon.retrieval.MlpHead;
import lemon.retrieval.TopK;
import lemon.retrieval.Vectors;
import lemon.story.CdPair;

/**
 * Held-out evaluation of the portrait-prompting model.
 *
 * <p>Definition. A retrieved C.D. pair is relevant to a query when it was generated from the same
 * role archetype as the query's character (the generator's ground truth). Two query sets:
 * <ul>
 *   <li><b>held-out windows</b>: every masked context window of every character of the held-out
 *       scripts (never trained on) is a query; pairs of the query's own script are removed from
 *       the ranking, so the character cannot find itself and must find the same role elsewhere;
 *   <li><b>story paraphrases</b>: {@link StoryQueries}, narration written apart from the
 *       database, ranked against all pairs.
 * </ul>
 * Recall@5 = mean over queries of |relevant ∩ top 5| / min(5, |relevant|), the standard recall
 * at a cut-off, normalised so a perfect ranking scores 1 (with five or more relevant pairs it
 * equals P@5, the mean share of relevant pairs among the top 5); Hit@5 = share of queries with at
 * least one relevant pair in the top 5, which saturates on this data and is shown for reference. Methods: the trained head, raw MiniLM cosine (no head; pairs
 * are the mean of their window embeddings, the same pooling as with the head) and a seeded random
 * sampler (the paper's "LeMon\Rank" ablation).
 *
 * <p>Caveats: the held-out windows share role phrasing with other scripts' pairs (the database is
 * generated from archetypes), so raw cosine is near-perfect there; the story paraphrases are the
 * harder test, but the trainer's settings were chosen by looking at them (57 queries), so they
 * are not a pristine test set.
 */
public final class MatcherEvaluation {
    public static final int K = 5;

    public record Row(
            String method,
            double windowHit,
            double windowRecall,
            double windowPrecision,
            double storyHit,
            double storyRecall,
            double storyPrecision) {}

    public record Result(List<Row> rows, int windowQueries, int storyQueries) {
        public Row row(String method) {
            return rows.stream()
                    .filter(r -> r.method().equals(method))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private MatcherEvaluation() {}

    /** Evaluates the bundled head on the bundled database and prints the table. */
    public static Result run(PrintStream out) {
        return run(HeadRetriever.bundledHead(), out);
    }

    public static Result run(MlpHead head, PrintStream out) {
        CdDatabase db = CdDatabase.bundled();
        CdDatabaseGenerator.Generated gen = CdDatabaseGenerator.generate();
        if (!CdDatabaseGenerator.toJsonl(gen.pairs()).equals(CdDatabaseGenerator.toJsonl(db.pairs()))) {
            throw new IllegalStateException("bundled C.D. database differs from the generator: no archetype labels");
        }
        return run(db, gen.archetypeById(), head, MiniLmEncoder.get(), out);
    }

    public static Result run(
            CdDatabase db, Map<String, String> archetypeById, MlpHead head, TextEncoder encoder, PrintStream out) {
        return run(db, archetypeById, head, encoder, out, Integer.MAX_VALUE);
    }

    /**
     * @param windowsPerPair at most this many masked windows of each pair, the first ones: a
     *     sample for a quick check (each pair still in the index; fewer, shorter-context queries);
     *     {@code lemon eval-matcher} uses all
     */
    public static Result run(
            CdDatabase db,
            Map<String, String> archetypeById,
            MlpHead head,
            TextEncoder encoder,
            PrintStream out,
            int windowsPerPair) {
        if (windowsPerPair < 1) throw new IllegalArgumentException("windowsPerPair must be ≥ 1, got " + windowsPerPair);
        long t0 = System.nanoTime();
        List<CdPair> pairs = db.pairs();
        Map<String, List<String>> cast = MatcherData.castByScript(pairs);
        Map<String, float[][]> windows = new LinkedHashMap<>();
        // every window in one call: the encoder batches texts of like length together
        List<String> texts = new ArrayList<>();
        int[] ends = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            List<String> w = MatcherData.maskedWindows(
                    pairs.get(i), cast.get(pairs.get(i).script()));
            texts.addAll(w.subList(0, Math.min(windowsPerPair, w.size())));
            ends[i] = texts.size();
        }
        float[][] encoded = encoder.encode(texts);
        for (int i = 0; i < pairs.size(); i++)
            windows.put(pairs.get(i).id(), java.util.Arrays.copyOfRange(encoded, i == 0 ? 0 : ends[i - 1], ends[i]));
        Set<String> heldOut = MatcherData.heldOutScripts(db);

        List<String> queryLabel = new ArrayList<>(), queryScript = new ArrayList<>();
        List<float[]> queryRaw = new ArrayList<>();
        for (CdPair p : pairs) {
            if (!heldOut.contains(p.script())) continue;
            for (float[] w : windows.get(p.id())) {
                queryRaw.add(w);
                queryLabel.add(archetypeById.get(p.id()));
                queryScript.add(p.script());
            }
        }
        int nWindowQueries = queryRaw.size();
        List<String> stories = new ArrayList<>();
        for (StoryQueries.Query q : StoryQueries.ALL) {
            stories.add(q.window());
            queryLabel.add(q.archetype());
            queryScript.add(null); // story queries compete against every pair
        }
        queryRaw.addAll(List.of(encoder.encode(stories)));
        out.printf(
                "encoded %d C.D. pairs and %d story queries in %.1f s; %d held-out scripts, %d window queries%n",
                pairs.size(), stories.size(), (System.nanoTime() - t0) / 1e9, heldOut.size(), nWindowQueries);

        List<Row> rows = new ArrayList<>();
        rows.add(score(
                "MiniLM + trained head",
                head::apply,
                pairs,
                windows,
                queryRaw,
                queryLabel,
                queryScript,
                nWindowQueries,
                archetypeById,
                null));
        rows.add(score(
                "raw MiniLM cosine",
                v -> v,
                pairs,
                windows,
                queryRaw,
                queryLabel,
                queryScript,
                nWindowQueries,
                archetypeById,
                null));
        rows.add(score(
                "random sampler (LeMon\\Rank)",
                v -> v,
                pairs,
                windows,
                queryRaw,
                queryLabel,
                queryScript,
                nWindowQueries,
                archetypeById,
                new Random(42)));
        Result r = new Result(rows, nWindowQueries, stories.size());
        print(r, out);
        return r;
    }

    private static Row score(
            String method,
            UnaryOperator<float[]> project,
            List<CdPair> pairs,
            Map<String, float[][]> windows,
            List<float[]> queryRaw,
            List<String> label,
            List<String> script,
            int nWindow,
            Map<String, String> archetypeById,
            Random random) {
        float[][] pairEmb = new float[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            List<float[]> proj = new ArrayList<>();
            for (float[] w : windows.get(pairs.get(i).id())) proj.add(project.apply(w));
            pairEmb[i] = Vectors.meanNormalized(proj);
        }
        TopK index = TopK.of(pairEmb);
        double[] hit = new double[2], recall = new double[2], prec = new double[2];
        int[] count = new int[2];
        for (int q = 0; q < queryRaw.size(); q++) {
            List<Integer> top = new ArrayList<>();
            String own = script.get(q);
            if (random != null) {
                List<Integer> all = new ArrayList<>();
                for (int i = 0; i < pairs.size(); i++)
                    if (!pairs.get(i).script().equals(own)) all.add(i);
                Collections.shuffle(all, random);
                top.addAll(all.subList(0, K));
            } else {
                // Ask for K more than needed: the own script's (≤ 6) pairs are dropped afterwards.
                for (TopK.Hit h : index.search(project.apply(queryRaw.get(q)), K + 6)) {
                    if (top.size() < K && !pairs.get(h.index()).script().equals(own)) top.add(h.index());
                }
            }
            int relevant = 0;
            for (int i : top) if (archetypeById.get(pairs.get(i).id()).equals(label.get(q))) relevant++;
            int candidates = 0;
            for (CdPair p : pairs) {
                if (!p.script().equals(own) && archetypeById.get(p.id()).equals(label.get(q))) candidates++;
            }
            int set = q < nWindow ? 0 : 1;
            hit[set] += relevant > 0 ? 1 : 0;
            recall[set] += candidates == 0 ? 0 : relevant / (double) Math.min(K, candidates);
            prec[set] += relevant / (double) K;
            count[set]++;
        }
        return new Row(
                method,
                hit[0] / count[0],
                recall[0] / count[0],
                prec[0] / count[0],
                hit[1] / count[1],
                recall[1] / count[1],
                prec[1] / count[1]);
    }

    public static void print(Result r, PrintStream out) {
        out.printf(
                "%n%-30s | %-26s | %-26s%n",
                "method",
                "held-out windows (" + r.windowQueries() + ")",
                "story paraphrases (" + r.storyQueries() + ")");
        out.printf("%-30s | %8s %8s %8s | %8s %8s %8s%n", "", "Recall@5", "P@5", "Hit@5", "Recall@5", "P@5", "Hit@5");
        for (Row row : r.rows()) {
            out.printf(
                    "%-30s | %8.3f %8.3f %8.3f | %8.3f %8.3f %8.3f%n",
                    row.method(),
                    row.windowRecall(),
                    row.windowPrecision(),
                    row.windowHit(),
                    row.storyRecall(),
                    row.storyPrecision(),
                    row.storyHit());
        }
    }
}

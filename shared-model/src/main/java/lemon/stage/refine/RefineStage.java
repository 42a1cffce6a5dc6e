package lemon.stage.refine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageKey;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Personalization;
import lemon.story.Refinement;
import lemon.story.SceneCheck;
import lemon.story.SceneImage;
import lemon.story.TrainingSet;

/**
 * refine (§4.3): accepted pictures of two or more characters join the training set as scene pairs;
 * each portrait is scored against the accepted pictures (group-level similarity, Eq. 5), the ones
 * that look unlike their character there are dropped and replaced by portraits the personalised
 * model paints of that character. The loop goes on while portraits are dropped and the iteration
 * cap is not reached; the summary's {@code again} and {@code nextIteration} drive the workflow's
 * Choice state.
 */
public final class RefineStage implements Stage {
    public static final String NAME = "refine";
    public static final String TRAINING_SET = "training-set.json";
    public static final String REFINEMENT = "refinement.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(
                    ValidateStage.SCENE_CHECKS,
                    VisualizeStage.SCENE_IMAGES,
                    PersonalizeStage.PERSONALIZATION,
                    PortraitsStage.PORTRAITS,
                    TRAINING_SET),
            List.of(TRAINING_SET, REFINEMENT, PortraitsStage.PORTRAIT_DIR),
            Placement.ENGINE_CONTAINER,
            "Add accepted multi-character pictures to the training set; drop portraits unlike the accepted"
                    + " pictures (Eq. 5) and paint replacements; decide whether to iterate.");

    /**
     * Portraits painted for each dropped one; the one that leaves the character's portraits least
     * spread replaces it, if they are then less spread than with the dropped one, else the dropped
     * one stays (spared). Any replacement at all often widened the spread refinement is meant to
     * narrow: on the twelve tales it rose in 7 of 9 stories before that condition.
     */
    static final int CANDIDATES = 4;

    /** Random portrait groups drawn per accepted picture (Eq. 5's sum over groups). */
    static final int GROUPS_PER_ANCHOR = 24;

    private final ImageTextScorer scorer;
    private final ImageGenerator painter;
    private final double dropMargin;

    /**
     * @param dropMargin how far below its character's median score a portrait must fall to be
     *     dropped, in cosine similarity
     */
    public RefineStage(ImageTextScorer scorer, ImageGenerator painter, double dropMargin) {
        this.scorer = scorer;
        this.painter = painter;
        this.dropMargin = dropMargin;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        int iteration = run.iteration();
        List<SceneCheck> checks = run.require(ValidateStage.SCENE_CHECKS, RunFileTypes.SCENE_CHECKS);
        List<SceneImage> images = run.require(VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        Personalization p = run.require(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        TrainingSet set =
                run.readEarlier(TRAINING_SET, RunFileTypes.TRAINING_SET).orElseGet(() -> PersonalizeStage.first(run));

        Map<String, SceneImage> imageByFile = new LinkedHashMap<>();
        images.forEach(i -> imageByFile.put(i.file(), i));
        List<SceneImage> accepted = checks.stream()
                .filter(SceneCheck::accepted)
                .map(c -> imageByFile.get(c.file()))
                .toList();

        // Eq. 5: score every portrait against the accepted pictures
        List<byte[]> anchorPngs = new ArrayList<>();
        for (SceneImage a : accepted) anchorPngs.add(run.bytes(a.file()).orElseThrow());
        float[][] anchorEmb = anchorPngs.isEmpty() ? new float[0][] : scorer.embedImages(anchorPngs);
        List<GroupSimilarity.Anchor> anchors = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++)
            anchors.add(new GroupSimilarity.Anchor(anchorEmb[i], accepted.get(i).characterIds()));
        Map<String, List<float[]>> portraitEmb = embedPortraits(run, set);
        Map<String, double[]> scores =
                GroupSimilarity.scores(anchors, portraitEmb, GROUPS_PER_ANCHOR, 31L * iteration + 5);

        // drop, and replace each dropped portrait by the likeliest of a few the personalised model paints
        Map<String, List<String>> portraits = new TreeMap<>();
        set.portraits().forEach((id, files) -> portraits.put(id, new ArrayList<>(files)));
        Map<String, Double> portraitScores = new TreeMap<>();
        List<Refinement.Drop> drops = new ArrayList<>(), spared = new ArrayList<>();
        List<ImageGenerator.Request> requests = new ArrayList<>();
        List<int[]> dropped = new ArrayList<>(); // {character index in ids, portrait index}
        // the portraits' embeddings after the replacements: the kept ones as scored, the new ones as chosen
        Map<String, List<float[]>> embAfter = new TreeMap<>();
        portraitEmb.forEach((id, e) -> embAfter.put(id, new ArrayList<>(e)));
        List<String> ids = new ArrayList<>(scores.keySet());
        for (int ci = 0; ci < ids.size(); ci++) {
            String id = ids.get(ci);
            double[] sc = scores.get(id);
            List<String> files = set.portraits().get(id);
            for (int j = 0; j < files.size(); j++)
                if (!Double.isNaN(sc[j])) portraitScores.put(files.get(j), round(sc[j]));
            Personalization.Token token = p.tokens().get(id);
            if (token == null) continue;
            for (int j : GroupSimilarity.toDrop(sc, dropMargin)) {
                dropped.add(new int[] {ci, j});
                for (int c = 0; c < CANDIDATES; c++) {
                    requests.add(new ImageGenerator.Request(
                            VisualizeStage.PORTRAIT_PROMPT + token.phrase(),
                            run.options().seeded(PortraitsStage.seed(id, 1000 * (iteration + 1) + 10 * j + c)),
                            Map.of(
                                    token.placeholder(),
                                    new ImageGenerator.LearnedToken(token.embedding(), token.mapper()))));
                }
            }
        }
        if (!requests.isEmpty()) {
            List<byte[]> pngs = painter.withMappers(run::bytes).generate(requests);
            float[][] emb = scorer.embedImages(pngs);
            for (int d = 0; d < dropped.size(); d++) {
                int ci = dropped.get(d)[0], j = dropped.get(d)[1];
                String id = ids.get(ci);
                // the portraits as they stand after earlier replacements: each one must lower the spread
                int best = GroupSimilarity.replacement(
                        embAfter.get(id),
                        j,
                        java.util.Arrays.asList(emb).subList(d * CANDIDATES, (d + 1) * CANDIDATES));
                Refinement.Drop low =
                        new Refinement.Drop(id, set.portraits().get(id).get(j), round(scores.get(id)[j]), null);
                if (best < 0) { // every replacement would widen the spread refinement is meant to narrow
                    spared.add(low);
                    continue;
                }
                embAfter.get(id).set(j, emb[d * CANDIDATES + best]);
                String name = PortraitsStage.PORTRAIT_DIR + id + "-r" + iteration + "-" + j + ".png";
                run.writeBytes(name, pngs.get(d * CANDIDATES + best));
                String key = StageKey.file(name, iteration);
                portraits.get(id).set(j, key);
                drops.add(new Refinement.Drop(low.characterId(), low.file(), low.score(), key));
            }
        }

        // accepted pictures of two or more characters become training pairs
        List<TrainingSet.ScenePair> pairs = new ArrayList<>(set.pairs());
        List<String> acceptedFiles = new ArrayList<>();
        for (SceneImage a : accepted) {
            acceptedFiles.add(StageKey.file(a.file(), iteration));
            if (a.characterIds().size() >= 2)
                pairs.add(new TrainingSet.ScenePair(
                        StageKey.file(a.file(), iteration), a.paintedPrompt(), a.placeholders()));
        }
        TrainingSet next = new TrainingSet(portraits, pairs);
        Map<String, Double> before = spreads(portraitEmb);
        Map<String, Double> after = spreads(embAfter);

        boolean capped = iteration + 1 >= run.options().iterations();
        // a low scorer kept for want of a narrower replacement still counts as dropped by Eq. 5: the next
        // pass, having learned from this one's accepted pictures, may paint one
        boolean flagged = !drops.isEmpty() || !spared.isEmpty();
        boolean again = flagged && !capped;
        String reason = accepted.isEmpty()
                ? "no picture accepted: nothing to score the portraits against"
                : !flagged
                        ? "no portrait dropped: the characters are stable"
                        : capped
                                ? "iteration cap " + run.options().iterations() + " reached"
                                : drops.size() + " portraits replaced"
                                        + (spared.isEmpty()
                                                ? ""
                                                : ", " + spared.size()
                                                        + " low scorers kept (every replacement painted would have"
                                                        + " widened the portrait spread)");
        run.write(TRAINING_SET, next);
        run.write(
                REFINEMENT,
                new Refinement(iteration, acceptedFiles, drops, spared, portraitScores, before, after, again, reason));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("accepted", accepted.size());
        summary.put("dropped", drops.size());
        summary.put("spared", spared.size());
        summary.put("pairs", pairs.size());
        summary.put("again", again);
        summary.put("nextIteration", iteration + 1);
        return new StageOutput(
                String.format(
                        Locale.ROOT,
                        "iteration %d: %d accepted pictures, %d new scene pairs, %d portraits replaced, %d spared;"
                                + " portrait spread %.3f → %.3f; %s",
                        iteration,
                        accepted.size(),
                        pairs.size() - set.pairs().size(),
                        drops.size(),
                        spared.size(),
                        mean(before),
                        mean(after),
                        again ? "next: iteration " + (iteration + 1) : "done: " + reason),
                summary,
                Map.of("scorer", scorer.name()),
                List.of());
    }

    private Map<String, List<float[]>> embedPortraits(StageContext run, TrainingSet set) {
        List<byte[]> pngs = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        set.portraits()
                .forEach((id, files) -> files.forEach(f -> {
                    pngs.add(run.bytesAt(f)
                            .orElseThrow(() -> new IllegalStateException(
                                    "run " + run.runId() + " is missing " + f + ", which the training set names")));
                    owners.add(id);
                }));
        float[][] emb = pngs.isEmpty() ? new float[0][] : scorer.embedImages(pngs);
        Map<String, List<float[]>> out = new TreeMap<>();
        for (int i = 0; i < emb.length; i++)
            out.computeIfAbsent(owners.get(i), k -> new ArrayList<>()).add(emb[i]);
        return out;
    }

    private static Map<String, Double> spreads(Map<String, List<float[]>> embeddings) {
        Map<String, Double> out = new TreeMap<>();
        embeddings.forEach((id, e) -> out.put(id, round(GroupSimilarity.spread(e))));
        return out;
    }

    static double mean(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}

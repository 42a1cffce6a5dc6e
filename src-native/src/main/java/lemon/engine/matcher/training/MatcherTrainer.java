package lemon.engine.matcher.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import lemon.cd.CdDatabase;
import lemon.engine.matcher.HeadRetriever;
import lemon.engine.matcher.MatcherData;
import lemon.engine.matcher.MatcherData.EncodedCharacter;
import lemon.engine.text.MiniLmEncoder;
import lemon.mini.training.BatchTrainer;
import lemon.mini.training.LearningRate;
import lemon.mini.training.TrainingLoop;
import lemon.retrieval.MlpHead;
import lemon.retrieval.Vectors;
import lemon.story.CdPair;

/**
 * Trains the portrait-prompting head (§4.1) on frozen MiniLM window embeddings with the pairwise
 * ranking loss of Eq. 1: L = max(0, Δ − e_i1·e_i2 + e_i1·e_j*), where e_i1, e_i2 are two windows
 * of the same character and e_j* a window from another script. Negatives are the other
 * characters' positives in the batch (only those from a different script count). Runs on the
 * shared {@link TrainingLoop} as a {@link BatchTrainer}: Adam at one rate, NaN guard, work
 * checkpoints and exact resume, progress bar and loss log.
 *
 * <p>Two additions to Eq. 1, both label-free (see {@link Config}): a false-negative filter (a
 * window from another script that raw MiniLM already finds closer than the positive is probably
 * the same role, not a negative) and a regulariser keeping in-batch similarities near raw
 * MiniLM's. Without them the head learnt script trivia and lost to raw cosine on paraphrased
 * story queries; with them it wins on precision (see {@link lemon.engine.matcher.MatcherEvaluation}).
 */
public final class MatcherTrainer extends BatchTrainer<MatcherTrainer.Example, HeadNetwork> {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    public static final String NAME = "matcher-head";
    public static final int DEFAULT_STEPS = 800;
    public static final long DEFAULT_SEED = 7L;
    /** The bundled head, relative to the repository root; the pair embeddings go beside it. */
    public static final String DEFAULT_OUT = "src-native/src/main/resources/lemon/matcher/head.lmhd";
    /** Steps between work checkpoints. */
    static final int CHECKPOINT_EVERY = 100;

    /**
     * @param negativeSlack false-negative filter: a window from another script is not used as a
     *                      negative when its raw MiniLM similarity to the anchor exceeds the
     *                      positive's minus this slack (it most likely plays the same role in its
     *                      own script, so pushing it away would teach script trivia, not roles);
     *                      NaN disables the filter
     * @param positiveWindows 1: e_i2 is one other window, exactly Eq. 1; m > 1: e_i2 is the
     *                      normalised mean of m other windows (drawn with replacement), which is
     *                      how a C.D. pair is represented at retrieval time
     * @param preserveWeight weight of a regulariser keeping the head's in-batch similarities
     *                      close to raw MiniLM's (mean squared difference), so the head keeps the
     *                      encoder's general sense of paraphrase; 0 disables it
     */
    public record Config(
            int hidden,
            int out,
            float margin,
            float learningRate,
            int batch,
            int steps,
            long seed,
            float negativeSlack,
            int positiveWindows,
            float preserveWeight) {
        public static Config defaults(int steps, long seed) {
            return new Config(384, 128, 0.3f, 5e-4f, 64, steps, seed, -0.05f, 1, 4f);
        }

        public Config withSteps(int n) {
            return new Config(
                    hidden, out, margin, learningRate, batch, n, seed, negativeSlack, positiveWindows, preserveWeight);
        }
    }

    /** The trained head and this run's loss per step (NaN for a batch the guard skipped). */
    public record Result(MlpHead head, List<Double> losses) {
        /** Mean loss over the first (or last) n steps of this run, skipped batches left out. */
        public double meanLoss(boolean first, int n) {
            int m = Math.min(n, losses.size());
            List<Double> part = first ? losses.subList(0, m) : losses.subList(losses.size() - m, losses.size());
            return part.stream()
                    .mapToDouble(Double::doubleValue)
                    .filter(Double::isFinite)
                    .average()
                    .orElse(Double.NaN);
        }
    }

    /** One training example: a character, its anchor window and its positive window(s). */
    record Example(int character, float[] anchor, float[][] positives) {}

    private final List<EncodedCharacter> usable;
    private final Config cfg;
    private final List<Double> losses = new ArrayList<>();

    private MatcherTrainer(List<EncodedCharacter> usable, Config cfg) {
        super(
                NAME,
                "matcher-data",
                cfg.seed(),
                Math.min(cfg.batch(), usable.size()),
                cfg.learningRate(),
                m -> new HeadNetwork(
                        new HeadNetwork.Dims(usable.get(0).windows()[0].length, cfg.hidden(), cfg.out()),
                        m,
                        cfg.seed()));
        this.usable = usable;
        this.cfg = cfg;
    }

    /**
     * Trains on the bundled database's training scripts (held-out scripts excluded) and writes
     * the head to {@code outHead}; work checkpoints and the loss log go to {@code work}, and
     * {@code resume} continues from them. Progress goes to {@code progress}.
     */
    public static Result trainAndSave(
            Path outHead, int steps, long seed, Path work, boolean resume, PrintStream progress) throws IOException {
        CdDatabase db = CdDatabase.bundled();
        Set<String> heldOut = MatcherData.heldOutScripts(db);
        List<CdPair> train = new ArrayList<>();
        for (CdPair p : db.pairs()) if (!heldOut.contains(p.script())) train.add(p);
        progress.printf(
                "C.D. database %s…: %d pairs, %d training, %d held-out scripts%n",
                db.checksum().substring(0, 12), db.pairs().size(), train.size(), heldOut.size());
        long t0 = System.nanoTime();
        List<EncodedCharacter> data = MatcherData.encodeForTraining(train, db.pairs(), MiniLmEncoder.get(), 3, seed);
        progress.printf(
                "encoded %d characters' windows with MiniLM in %.1f s%n", data.size(), (System.nanoTime() - t0) / 1e9);
        Result r = train(data, Config.defaults(steps, seed), work, resume, progress);
        r.head().save(outHead);
        progress.printf(
                "saved head %s (sha256 %s) to %s%n",
                r.head().hiddenDim() + "/" + r.head().outputDim(), r.head().checksum(), outHead);
        return r;
    }

    /**
     * What {@code lemon train-matcher} does: {@link #trainAndSave} then the bundled database's
     * pair embeddings for the new head, written beside it as {@code cd-embeddings.lmpe}.
     */
    public static Path trainAndSaveWithEmbeddings(
            Path outHead, int steps, long seed, Path work, boolean resume, PrintStream progress) throws IOException {
        Result r = trainAndSave(outHead, steps, seed, work, resume, progress);
        Path embeddings = outHead.resolveSibling("cd-embeddings.lmpe");
        HeadRetriever.writeEmbeddings(embeddings, CdDatabase.bundled(), r.head(), MiniLmEncoder.get());
        progress.println("wrote pair embeddings to " + embeddings);
        return embeddings;
    }

    /**
     * Trains a head on pre-encoded characters (each needs at least two windows to give a positive
     * pair) to {@code cfg.steps()} steps in all, checkpointing into {@code work/matcher}; with
     * {@code resume}, continues from the checkpoint there (weights, Adam, step), exactly as if
     * never stopped.
     */
    public static Result train(List<EncodedCharacter> data, Config cfg, Path work, boolean resume, PrintStream progress)
            throws IOException {
        List<EncodedCharacter> usable = new ArrayList<>();
        for (EncodedCharacter c : data) if (c.windows().length >= 2) usable.add(c);
        if (usable.size() < 2) throw new IllegalArgumentException("need at least two characters with two windows each");
        Path ckpt = work.resolve("matcher");
        try (MatcherTrainer t = new MatcherTrainer(usable, cfg)) {
            if (resume && t.resume(ckpt)) progress.println("matcher: resumed at step " + t.step() + " from " + ckpt);
            TrainingLoop.run(
                    t.inLoop(ckpt),
                    new TrainingLoop.Plan(
                            "matcher", cfg.steps(), CHECKPOINT_EVERY, 0, 0.95, work, LearningRate.CONSTANT),
                    null,
                    progress);
            return new Result(t.model().toMlpHead(t.manager()), List.copyOf(t.losses));
        }
    }

    @Override
    public double trainStep(Path recoverFrom, float rate) throws IOException {
        double loss = super.trainStep(recoverFrom, rate);
        losses.add(loss);
        return loss;
    }

    /**
     * Example k. Each block of B consecutive examples (one batch) is a shuffle of the characters,
     * so a batch holds B distinct ones; the windows are drawn from a generator seeded by (seed, k).
     * Example k never depends on the ones before it, so a resumed run sees the same data.
     */
    @Override
    protected Example item(long k) {
        int c = shuffled(new SplittableRandom(dataSeed * 0x9E3779B97F4A7C15L + k / batch))[(int) (k % batch)];
        SplittableRandom rnd = new SplittableRandom(dataSeed * 0xBF58476D1CE4E5B9L + k);
        float[][] w = usable.get(c).windows();
        int a = rnd.nextInt(w.length);
        float[][] positives = new float[Math.max(1, cfg.positiveWindows())][];
        for (int i = 0; i < positives.length; i++) {
            int p = rnd.nextInt(w.length - 1);
            positives[i] = w[p >= a ? p + 1 : p];
        }
        return new Example(c, w[a], positives);
    }

    private int[] shuffled(SplittableRandom rnd) {
        int[] order = new int[usable.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        return order;
    }

    @Override
    protected NDArray loss(NDManager scope, List<Example> items) {
        int b = items.size(),
                m = items.get(0).positives().length,
                in = model.config().in();
        float[] anchors = new float[b * in], positives = new float[b * m * in], first = new float[b * in];
        float[] negMask = new float[b * b];
        for (int i = 0; i < b; i++) {
            Example e = items.get(i);
            System.arraycopy(e.anchor(), 0, anchors, i * in, in);
            System.arraycopy(e.positives()[0], 0, first, i * in, in);
            for (int j = 0; j < m; j++) System.arraycopy(e.positives()[j], 0, positives, (i * m + j) * in, in);
        }
        for (int i = 0; i < b; i++) {
            Example e = items.get(i);
            float posRaw = Vectors.dot(e.anchor(), e.positives()[0]);
            for (int j = 0; j < b; j++) {
                boolean otherScript = !script(e).equals(script(items.get(j)));
                boolean likelySameRole = !Float.isNaN(cfg.negativeSlack())
                        && Vectors.dot(e.anchor(), items.get(j).positives()[0]) > posRaw - cfg.negativeSlack();
                negMask[i * b + j] = otherScript && !likelySameRole ? 1f : 0f;
            }
        }
        NDArray xa = scope.create(anchors, new Shape(b, in));
        NDArray xp = scope.create(positives, new Shape(b * m, in));
        NDArray mask = scope.create(negMask, new Shape(b, b));
        NDArray ea = model.forward(xa);
        NDArray ep = model.forward(xp);
        if (m > 1) {
            ep = ep.reshape(b, m, cfg.out()).mean(new int[] {1});
            ep = ep.div(ep.norm(new int[] {1}, true).add(1e-8f));
        }
        NDArray sim = ea.matMul(ep.transpose()); // e_i1 · e_j2
        NDArray pos = ea.mul(ep).sum(new int[] {1}, true); // e_i1 · e_i2
        NDArray hinge = sim.sub(pos).add(cfg.margin()).maximum(0f).mul(mask);
        NDArray loss = hinge.sum().div(mask.sum().maximum(1f));
        if (cfg.preserveWeight() > 0) {
            NDArray rawSim = xa.matMul(scope.create(first, new Shape(b, in)).transpose());
            loss = loss.add(sim.sub(rawSim).square().mean().mul(cfg.preserveWeight()));
        }
        return loss;
    }

    private String script(Example e) {
        return usable.get(e.character()).script();
    }
}

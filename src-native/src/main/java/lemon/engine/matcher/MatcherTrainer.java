package lemon.engine.matcher;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import lemon.cd.CdDatabase;
import lemon.engine.matcher.MatcherData.EncodedCharacter;
import lemon.engine.text.MiniLmEncoder;
import lemon.model.CdPair;
import lemon.retrieval.MlpHead;
import lemon.retrieval.Vectors;

/**
 * Trains the portrait-prompting head (§4.1) on frozen MiniLM window embeddings with the pairwise
 * ranking loss of Eq. 1: L = max(0, Δ − e_i1·e_i2 + e_i1·e_j*), where e_i1, e_i2 are two windows
 * of the same character and e_j* a window from another script. Negatives are the other
 * characters' positives in the batch (only those from a different script count). DJL PyTorch
 * autograd, Adam.
 *
 * <p>Two additions to Eq. 1, both label-free (see {@link Config}): a false-negative filter (a
 * window from another script that raw MiniLM already finds closer than the positive is probably
 * the same role, not a negative) and a regulariser keeping in-batch similarities near raw
 * MiniLM's. Without them the head learnt script trivia and lost to raw cosine on paraphrased
 * story queries; with them it wins on precision (see {@link MatcherEvaluation}).
 */
public final class MatcherTrainer {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    public static final int DEFAULT_STEPS = 800;
    public static final long DEFAULT_SEED = 7L;
    /** The bundled head, relative to the repository root; the pair embeddings go beside it. */
    public static final String DEFAULT_OUT = "src-native/src/main/resources/lemon/matcher/head.lmhd";

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
    }

    /** The trained head and the loss per step. */
    public record Result(MlpHead head, List<Double> losses) {
        /** Mean loss over the first (or last) n steps. */
        public double meanLoss(boolean first, int n) {
            int m = Math.min(n, losses.size());
            List<Double> part = first ? losses.subList(0, m) : losses.subList(losses.size() - m, losses.size());
            return part.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    private MatcherTrainer() {}

    /**
     * Trains on the bundled database's training scripts (held-out scripts excluded) and writes
     * the head to {@code outHead}. Progress goes to {@code progress}.
     */
    public static Result trainAndSave(Path outHead, int steps, long seed, PrintStream progress) throws IOException {
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
        Result r = train(data, Config.defaults(steps, seed), progress);
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
    public static Path trainAndSaveWithEmbeddings(Path outHead, int steps, long seed, PrintStream progress)
            throws IOException {
        Result r = trainAndSave(outHead, steps, seed, progress);
        Path embeddings = outHead.resolveSibling("cd-embeddings.lmpe");
        HeadRetriever.writeEmbeddings(embeddings, CdDatabase.bundled(), r.head(), MiniLmEncoder.get());
        progress.println("wrote pair embeddings to " + embeddings);
        return embeddings;
    }

    /** Trains a head on pre-encoded characters (each needs at least two windows to give a positive pair). */
    public static Result train(List<EncodedCharacter> data, Config cfg, PrintStream progress) {
        List<EncodedCharacter> usable = new ArrayList<>();
        for (EncodedCharacter c : data) if (c.windows().length >= 2) usable.add(c);
        if (usable.size() < 2) throw new IllegalArgumentException("need at least two characters with two windows each");
        int in = usable.get(0).windows()[0].length;
        int batch = Math.min(cfg.batch(), usable.size());
        Random rnd = new Random(cfg.seed());
        List<Double> losses = new ArrayList<>();
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed((int) cfg.seed());
            // Kaiming-normal weights for the ReLU layer, small ones for the projection.
            NDArray w1 = manager.randomNormal(
                    0f,
                    (float) Math.sqrt(2.0 / in),
                    new Shape(in, cfg.hidden()),
                    ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray b1 = manager.zeros(new Shape(cfg.hidden()));
            NDArray w2 = manager.randomNormal(
                    0f,
                    (float) Math.sqrt(1.0 / cfg.hidden()),
                    new Shape(cfg.hidden(), cfg.out()),
                    ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray b2 = manager.zeros(new Shape(cfg.out()));
            NDArray[] params = {w1, b1, w2, b2};
            String[] ids = {"w1", "b1", "w2", "b2"};
            for (NDArray p : params) p.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(cfg.learningRate()))
                    .build();

            for (int step = 0; step < cfg.steps(); step++) {
                try (NDManager sm = manager.newSubManager()) {
                    // Sample distinct characters; for each, two different windows.
                    List<Integer> pick = sample(rnd, usable.size(), batch);
                    int m = Math.max(1, cfg.positiveWindows());
                    float[] anchors = new float[batch * in], positives = new float[batch * m * in];
                    float[] negMask = new float[batch * batch];
                    float[][] aRaw = new float[batch][], pRaw = new float[batch][];
                    for (int i = 0; i < batch; i++) {
                        float[][] w = usable.get(pick.get(i)).windows();
                        int a = rnd.nextInt(w.length), p = rnd.nextInt(w.length - 1);
                        if (p >= a) p++;
                        aRaw[i] = w[a];
                        pRaw[i] = w[p];
                        System.arraycopy(w[a], 0, anchors, i * in, in);
                        System.arraycopy(w[p], 0, positives, i * m * in, in);
                        for (int extra = 1; extra < m; extra++) {
                            int o = rnd.nextInt(w.length - 1);
                            if (o >= a) o++;
                            System.arraycopy(w[o], 0, positives, (i * m + extra) * in, in);
                        }
                    }
                    for (int i = 0; i < batch; i++) {
                        float posRaw = Vectors.dot(aRaw[i], pRaw[i]);
                        for (int j = 0; j < batch; j++) {
                            boolean otherScript = !usable.get(pick.get(i))
                                    .script()
                                    .equals(usable.get(pick.get(j)).script());
                            boolean likelySameRole = !Float.isNaN(cfg.negativeSlack())
                                    && Vectors.dot(aRaw[i], pRaw[j]) > posRaw - cfg.negativeSlack();
                            negMask[i * batch + j] = otherScript && !likelySameRole ? 1f : 0f;
                        }
                    }
                    NDArray xa = sm.create(anchors, new Shape(batch, in));
                    NDArray xp = sm.create(positives, new Shape(batch * m, in));
                    NDArray mask = sm.create(negMask, new Shape(batch, batch));
                    try (GradientCollector gc = engine.newGradientCollector()) {
                        NDArray ea = forward(xa, w1, b1, w2, b2);
                        NDArray ep = forward(xp, w1, b1, w2, b2);
                        if (m > 1) {
                            ep = ep.reshape(batch, m, cfg.out()).mean(new int[] {1});
                            ep = ep.div(ep.norm(new int[] {1}, true).add(1e-8f));
                        }
                        NDArray sim = ea.matMul(ep.transpose()); // e_i1 · e_j2
                        NDArray pos = ea.mul(ep).sum(new int[] {1}, true); // e_i1 · e_i2
                        NDArray hinge =
                                sim.sub(pos).add(cfg.margin()).maximum(0f).mul(mask);
                        NDArray loss = hinge.sum().div(mask.sum().maximum(1f));
                        if (cfg.preserveWeight() > 0) {
                            NDArray rawSim =
                                    xa.matMul(sm.create(firstPositives(positives, batch, m, in), new Shape(batch, in))
                                            .transpose());
                            loss = loss.add(sim.sub(rawSim).square().mean().mul(cfg.preserveWeight()));
                        }
                        gc.backward(loss);
                        losses.add((double) loss.getFloat());
                    }
                    for (int k = 0; k < params.length; k++) {
                        adam.update(ids[k], params[k], params[k].getGradient());
                    }
                }
                if (progress != null && (step + 1) % Math.max(1, cfg.steps() / 10) == 0) {
                    progress.printf(
                            "step %d/%d  loss %.4f%n",
                            step + 1, cfg.steps(), mean(losses, Math.max(1, cfg.steps() / 10)));
                }
            }
            MlpHead head = new MlpHead(
                    in,
                    cfg.hidden(),
                    cfg.out(),
                    w1.transpose().toFloatArray(),
                    b1.toFloatArray(),
                    w2.transpose().toFloatArray(),
                    b2.toFloatArray());
            return new Result(head, List.copyOf(losses));
        }
    }

    /** normalise(relu(x·W1 + b1)·W2 + b2), the same function as {@link MlpHead#apply}. */
    private static NDArray forward(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        NDArray h = x.matMul(w1).add(b1).maximum(0f);
        NDArray y = h.matMul(w2).add(b2);
        return y.div(y.norm(new int[] {1}, true).add(1e-8f));
    }

    private static float[] firstPositives(float[] positives, int batch, int m, int in) {
        float[] out = new float[batch * in];
        for (int i = 0; i < batch; i++) System.arraycopy(positives, i * m * in, out, i * in, in);
        return out;
    }

    private static List<Integer> sample(Random rnd, int n, int k) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) all.add(i);
        java.util.Collections.shuffle(all, rnd);
        return all.subList(0, k);
    }

    private static double mean(List<Double> xs, int lastN) {
        return xs.subList(Math.max(0, xs.size() - lastN), xs.size()).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(0);
    }
}

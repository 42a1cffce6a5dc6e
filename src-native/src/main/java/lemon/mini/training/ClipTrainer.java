package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.render.Sample;

/**
 * Trains {@link MiniClip} with in-batch negatives on (render, caption) pairs from
 * {@link DatasetGenerator} (portraits and scenes), rendered on the fly one batch ahead.
 * The tokenizer's vocabulary comes from the captions of the first training samples and is saved
 * with the checkpoint. Data order, resume and NaN guard are {@link BatchTrainer}'s, the learning-rate
 * drop the loop's ({@link LearningRate#DROP_LAST_30_PERCENT}).
 */
public final class ClipTrainer extends BatchTrainer<Sample, MiniClip> {
    public static final String NAME = "lemon-mini-clip";
    static final int VOCAB_SAMPLES = 3000;

    /** Top-1 caption retrieval among 10 and mean cosines, with the shuffled-caption baseline. */
    public record Metrics(
            int queries,
            double top1Of10,
            double shuffledTop1Of10,
            double meanCosineMatching,
            double meanCosineShuffled,
            int hardQueries,
            double hardTop1Of10) {
        public Map<String, Double> asMap(String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(prefix + "queries", (double) queries);
            m.put(prefix + "top1_of_10", top1Of10);
            m.put(prefix + "shuffled_top1_of_10", shuffledTop1Of10);
            m.put(prefix + "cosine_matching", meanCosineMatching);
            m.put(prefix + "cosine_shuffled", meanCosineShuffled);
            m.put(prefix + "hard_queries", (double) hardQueries);
            m.put(prefix + "hard_top1_of_10", hardTop1Of10);
            return m;
        }
    }

    private final ClipConfig cfg;
    private String lastDiagnosis;

    public ClipTrainer(ClipConfig cfg, CaptionTokenizer tokenizer, long dataSeed, int batch, float lr, long initSeed) {
        super(NAME, "clip-data", dataSeed, batch, lr, m -> new MiniClip(cfg, tokenizer, m, initSeed));
        this.cfg = cfg;
    }

    /**
     * What we ship: 32 px images (conv 32/64/128), a 2-layer width-128 text transformer with room
     * for 64 tokens (scene captions run to ~60 words; the caption vocabulary is ~170 words).
     */
    public static ClipConfig shippedConfig() {
        return new ClipConfig(32, List.of(32, 64, 128), new TextEncoderConfig(256, 128, 2, 4, 64, 256), 128);
    }

    /** Vocabulary from the captions of the first training samples of a seed. */
    public static CaptionTokenizer tokenizer(long seed, int vocabSize) {
        List<String> caps = new ArrayList<>();
        for (int k = 0; k < VOCAB_SAMPLES; k++)
            caps.add(sample(seed, ValidatorTrainer.trainIndex(k), 16).caption());
        return CaptionTokenizer.fromCaptions(caps, vocabSize);
    }

    static Sample sample(long seed, int index, int size) {
        return DatasetGenerator.sample(seed, index, size, DatasetGenerator.DEFAULT_SCENE_FRACTION, size, size);
    }

    @Override
    protected Sample item(long k) {
        return sample(dataSeed, ValidatorTrainer.trainIndex(k), cfg.imageSize());
    }

    @Override
    protected NDArray loss(NDManager scope, List<Sample> items) {
        NDArray x = ImageTensors.batch(scope, items.stream().map(Sample::image).toList());
        return model.contrastiveLoss(
                scope, x, items.stream().map(Sample::caption).toList());
    }

    /** A work checkpoint's own tokenizer must equal ours. */
    @Override
    protected void checkResumable(Path from, ModelManifest m) throws IOException {
        CaptionTokenizer saved = CaptionTokenizer.load(from.resolve("tokenizer.json"));
        if (!saved.baseTokens().equals(model.textEncoder().tokenizer().baseTokens()))
            throw new IOException(from + ": tokenizer differs");
    }

    @Override
    protected void onNonFiniteLoss(List<Sample> samples, double loss, Path workDir) throws IOException {
        diagnose(samples, loss, workDir);
    }

    /**
     * Records what a non-finite loss looked like, to tell its causes apart: weights already
     * non-finite (the previous update blew up: an infinite gradient with a finite loss), or a
     * finite model whose forward pass gave NaN, and then whether the very same forward pass
     * repeats it (numerics) or not (memory/scope trouble). The model is saved next to the work
     * checkpoint for replay.
     */
    private void diagnose(List<Sample> samples, double loss, Path workDir) throws IOException {
        boolean finiteWeights = WorkCheckpoints.allFinite(
                manager, model.params(), model.textEncoder().params());
        double again;
        try (NDManager scope = manager.newSubManager()) {
            model.attachTo(scope);
            NDArray x = ImageTensors.batch(
                    scope, samples.stream().map(Sample::image).toList());
            again = model.contrastiveLoss(
                            scope, x, samples.stream().map(Sample::caption).toList())
                    .getFloat();
        }
        lastDiagnosis = String.format(
                Locale.ROOT,
                "step %d: loss %s, weights %s, same batch again: %s",
                step(),
                loss,
                finiteWeights ? "finite" : "NON-FINITE",
                again);
        if (workDir != null) {
            Checkpoint.save(
                    workDir.resolveSibling(workDir.getFileName() + "-nonfinite-" + step()),
                    NAME,
                    model,
                    step(),
                    dataSeed,
                    Map.of("loss", loss, "loss_again", again, "weights_finite", finiteWeights ? 1.0 : 0.0));
        }
    }

    /** What the last non-finite loss looked like. */
    @Override
    public String lastNonFinite() {
        return lastDiagnosis != null ? "non-finite loss (" + lastDiagnosis + ")" : super.lastNonFinite();
    }

    /**
     * Retrieval on the first n validation-split samples of a seed: for image i the candidates are
     * its own caption and those of samples i+1 … i+9 (cyclically); chance is 10%. The shuffled
     * baseline scores the same way against a random permutation of the captions.
     */
    public static Metrics evaluate(MiniClip clip, NDManager manager, long seed, int n) {
        int size = clip.config().imageSize();
        List<Sample> samples = ValidatorData.indices(0, n, true).stream()
                .map(i -> sample(seed, i, size))
                .toList();
        float[][] sim = new float[n][];
        try (NDManager scope = manager.newSubManager()) {
            clip.attachTo(scope);
            List<NDArray> imgs = new ArrayList<>(), txts = new ArrayList<>();
            for (int from = 0; from < n; from += 100) {
                List<Sample> part = samples.subList(from, Math.min(n, from + 100));
                imgs.add(clip.embedImages(ImageTensors.batch(
                        scope, part.stream().map(Sample::image).toList())));
                txts.add(clip.embedTexts(
                        scope, part.stream().map(Sample::caption).toList()));
            }
            float[] all =
                    concat(scope, imgs).matMul(concat(scope, txts).transpose()).toFloatArray();
            for (int i = 0; i < n; i++) {
                sim[i] = new float[n];
                System.arraycopy(all, i * n, sim[i], 0, n);
            }
        }
        int[] identity = new int[n], shuffled = new int[n];
        for (int i = 0; i < n; i++) identity[i] = shuffled[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        // harder: all ten candidates show the same kind of picture with as many people, so only
        // the finer attributes (gender, hair, clothes, background…) tell the right caption apart
        int hard = 0, hardRight = 0;
        for (int i = 0; i < n; i++) {
            List<Integer> cands = new ArrayList<>();
            for (int k = 1; k < n && cands.size() < 9; k++) {
                int c = (i + k) % n;
                if (samples.get(c).kind() == samples.get(i).kind()
                        && samples.get(c).people().size()
                                == samples.get(i).people().size()) cands.add(c);
            }
            if (cands.size() < 9) continue;
            hard++;
            boolean right = true;
            for (int c : cands) if (sim[i][c] >= sim[i][i]) right = false;
            if (right) hardRight++;
        }
        return new Metrics(
                n,
                top1(sim, identity),
                top1(sim, shuffled),
                meanCos(sim, identity),
                meanCos(sim, shuffled),
                hard,
                hardRight / (double) Math.max(1, hard));
    }

    private static NDArray concat(NDManager scope, List<NDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new ai.djl.ndarray.NDList(parts));
    }

    /** caption[c] of image i is sim[i][perm[c]]: the true caption is perm[i], candidates perm[i..i+9]. */
    private static double top1(float[][] sim, int[] perm) {
        int n = sim.length, right = 0;
        for (int i = 0; i < n; i++) {
            int best = i;
            for (int k = 1; k < 10; k++) {
                int c = (i + k) % n;
                if (sim[i][perm[c]] > sim[i][perm[best]]) best = c;
            }
            if (best == i) right++;
        }
        return right / (double) n;
    }

    private static double meanCos(float[][] sim, int[] perm) {
        double s = 0;
        for (int i = 0; i < sim.length; i++) s += sim[i][perm[i]];
        return s / sim.length;
    }

    /** TrainMini's clip subcommand. */
    static void run(TrainMini.Options o, LossCurves curves) throws IOException {
        long steps = o.steps() > 0 ? o.steps() : 1500;
        ClipConfig cfg = shippedConfig();
        CaptionTokenizer tok = tokenizer(o.seed(), cfg.text().vocabSize());
        try (ClipTrainer t = new ClipTrainer(cfg, tok, o.seed(), 64, 1e-3f, o.seed())) {
            TrainMini.RunStats run =
                    TrainMini.loop(t, MiniWeights.CLIP, steps, LearningRate.DROP_LAST_30_PERCENT, o, curves);
            double minutes = run.minutes();
            long startStep = t.step() - run.steps();
            Metrics m = evaluate(t.model(), t.manager(), o.seed(), o.eval() > 0 ? o.eval() : 500);
            Map<String, Double> metrics = run.manifestMetrics(m.asMap("heldout_"), t);
            Path out = o.out().resolve(MiniWeights.CLIP);
            Files.createDirectories(out);
            ModelManifest saved = Checkpoint.save(out, NAME, t.model(), t.step(), o.seed(), metrics);
            o.log()
                    .printf(
                            Locale.ROOT,
                            "clip: %d steps (%d this run, %.1f min); held-out %d queries: top-1 of 10 %.1f%% "
                                    + "(shuffled %.1f%%, chance 10%%), same-kind-and-count candidates %.1f%% of %d, cosine matching %.3f vs shuffled %.3f; saved to %s (%s)%n",
                            t.step(),
                            t.step() - startStep,
                            minutes,
                            m.queries(),
                            100 * m.top1Of10(),
                            100 * m.shuffledTop1Of10(),
                            100 * m.hardTop1Of10(),
                            m.hardQueries(),
                            m.meanCosineMatching(),
                            m.meanCosineShuffled(),
                            out,
                            saved.sha256().get("clip.safetensors").substring(0, 12));
        }
    }
}

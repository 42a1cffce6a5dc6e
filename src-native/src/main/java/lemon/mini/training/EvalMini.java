package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.MiniClip;
import lemon.mini.pipelines.MiniValidatorAdapter;

/**
 * Measures the committed lemon-mini weights on fresh held-out renders, next to the baselines
 * measured on the very same images: the validator against always answering the majority class,
 * CLIP against 10% chance and against captions shuffled between images, the portrait diffusion
 * model against unconditional samples ({@link lemon.mini.training.EvalDiffusion}), and its scenes
 * (people count and each person's attributes) against unconditional scenes and real renders
 * ({@link EvalScenes}).
 * <pre>
 *   lemon eval-mini [--seed S] [--validator N] [--clip N] [--diffusion N] [--scenes N] [--weights DIR]
 * </pre>
 * The default seed differs from the training seed, so every image is new to the models (and the
 * indices are in the validation split, which training never uses).
 */
public final class EvalMini {
    private EvalMini() {}

    /** Runs {@code lemon eval-mini} with its options, printing to {@code out}. */
    public static void run(java.util.List<String> argList, java.io.PrintStream out) throws IOException {
        String[] args = argList.toArray(String[]::new);
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        long seed = 777;
        int nValidator = 600, nClip = 500, nDiffusion = 200, nScenes = 60;
        Path weights = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--validator" -> nValidator = Integer.parseInt(args[++i]);
                case "--clip" -> nClip = Integer.parseInt(args[++i]);
                case "--diffusion" -> nDiffusion = Integer.parseInt(args[++i]);
                case "--scenes" -> nScenes = Integer.parseInt(args[++i]);
                case "--weights" -> weights = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "usage: EvalMini [--seed S] [--validator N] [--clip N] [--diffusion N] [--scenes N] [--weights DIR]");
            }
        }
        Path vDir = weights != null ? weights.resolve(MiniWeights.VALIDATOR) : MiniWeights.validatorDir();
        Path cDir = weights != null ? weights.resolve(MiniWeights.CLIP) : MiniWeights.clipDir();
        if (nValidator > 0) {
            long t0 = System.nanoTime();
            try (MiniValidatorAdapter v = MiniValidatorAdapter.load(vDir)) {
                ValidatorTrainer.Metrics m = ValidatorTrainer.evaluate(
                        v, seed, nValidator, v.model().config().imageSize());
                out.printf(
                        Locale.ROOT,
                        "%s (%s, %d steps): %d held-out renders (seed %d)%n  people count %.1f%%   (majority class %.1f%%)%n"
                                + "  gender per person %.1f%% of %d   (majority gender %.1f%%)   [%.1f s]%n",
                        v.name(),
                        vDir,
                        ModelManifest.read(vDir).steps(),
                        m.images(),
                        seed,
                        100 * m.countAccuracy(),
                        100 * m.majorityCountAccuracy(),
                        100 * m.genderAccuracy(),
                        m.people(),
                        100 * m.majorityGenderAccuracy(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        if (nClip > 0) {
            long t0 = System.nanoTime();
            ModelManifest mf = Checkpoint.verify(cDir);
            try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                    MiniClip clip = new MiniClip(
                            mf.config(ClipConfig.class),
                            CaptionTokenizer.load(cDir.resolve("tokenizer.json")),
                            manager,
                            0)) {
                Checkpoint.load(cDir, clip);
                ClipTrainer.Metrics m = ClipTrainer.evaluate(clip, manager, seed, nClip);
                out.printf(
                        Locale.ROOT,
                        "%s:%s (%s, %d steps): %d held-out queries (seed %d)%n  caption top-1 of 10 %.1f%%   "
                                + "(chance 10%%, shuffled captions %.1f%%)%n  top-1 of 10 with same kind and people count %.1f%% of %d%n  mean cosine matching %.3f vs shuffled %.3f   [%.1f s]%n",
                        ClipTrainer.NAME,
                        mf.sha256().get("clip.safetensors").substring(0, 12),
                        cDir,
                        mf.steps(),
                        m.queries(),
                        seed,
                        100 * m.top1Of10(),
                        100 * m.shuffledTop1Of10(),
                        100 * m.hardTop1Of10(),
                        m.hardQueries(),
                        m.meanCosineMatching(),
                        m.meanCosineShuffled(),
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        if (nDiffusion > 0) {
            out.println("portrait diffusion:");
            lemon.mini.training.EvalDiffusion.report(
                    nDiffusion, weights != null ? weights.resolve("diffusion") : null, cDir, out);
        }
        if (nScenes > 0) {
            out.println("scenes:");
            EvalScenes.report(nScenes, weights != null ? weights.resolve("diffusion") : null, vDir, out);
        }
    }
}

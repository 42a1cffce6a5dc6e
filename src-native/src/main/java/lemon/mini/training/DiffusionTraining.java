package lemon.mini.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.util.FileTrees;

/**
 * Trains the portrait diffusion model and exports it as a generator directory ({@code text/},
 * {@code unet/}, plus {@code upsampler/} copied from the committed one when absent), evaluated on
 * held-out captions with {@link EvalDiffusion} so the manifest carries the faithfulness numbers.
 * Run by {@code lemon train-mini diffusion|all} ({@link lemon.mini.training.TrainMini}).
 */
public final class DiffusionTraining {
    private DiffusionTraining() {}

    public record Options(
            long steps,
            Path work,
            Path out,
            boolean resume,
            int saveEvery,
            double minutes,
            Path clipDir,
            int eval,
            java.io.PrintStream log,
            boolean scenes,
            Path warmStart,
            boolean regional) {}

    /**
     * Every 3rd batch scenes (about half the compute: a scene canvas is twice a portrait); of the
     * portraits, a fifth with synthetic description-register captions and a third painted from
     * fresh C.D.-register descriptions (issues 9 and 14), the rest template captions, so the
     * model keeps the register its held-out evaluation reads.
     */
    static PortraitDiffusionTrainer.Settings settings(boolean scenes, boolean regional) {
        PortraitDiffusionTrainer.Settings s = PortraitDiffusionTrainer.Settings.standard();
        if (regional) // the mask is learned on scenes: a fine-tune for it sees them every 2nd batch
        return s.withScenesAndDescriptions(2, 0.2f)
                    .withDescribedPortraits(0.35f)
                    .withRegionalAttention();
        return scenes ? s.withScenesAndDescriptions(3, 0.2f).withDescribedPortraits(0.35f) : s;
    }

    /** Trains until {@code steps} in total or the minutes run out, then exports and evaluates into {@code out}. */
    public static void run(Options o, LossCurves curves) throws IOException {
        long t0 = System.nanoTime();
        try (PortraitDiffusionTrainer t =
                new PortraitDiffusionTrainer(settings(o.scenes(), o.regional()), o.work(), o.resume(), o.clipDir())) {
            if (o.warmStart() != null && t.steps() == 0) {
                t.warmStartFrom(o.warmStart());
                o.log().println("diffusion: UNet warm-started from " + o.warmStart());
            }
            long start = t.steps(), todo = Math.max(0, o.steps() - start);
            o.log()
                    .printf(
                            Locale.ROOT,
                            "diffusion: text encoder %,d (frozen CLIP-mini text tower) + unet %,d parameters; at step %d, "
                                    + "%d to go%s%n",
                            t.textEncoder().params().count(),
                            t.unet().params().count(),
                            start,
                            todo,
                            o.minutes() > 0 ? String.format(Locale.ROOT, " or %.0f minutes", o.minutes()) : "");
            long deadline = o.minutes() > 0 ? t0 + (long) (o.minutes() * 6e10) : 0;
            long done = t.train((int) todo, o.saveEvery(), deadline, curves, o.work(), o.log());
            double took = (System.nanoTime() - t0) / 6e10;
            o.log()
                    .printf(
                            Locale.ROOT,
                            "%ndiffusion: %d steps this run (now at %d) in %.1f min, %.0f ms/step, %d NaN batches skipped, %d rollbacks%n",
                            done,
                            t.steps(),
                            took,
                            took * 6e4 / Math.max(1, done),
                            t.skipped(),
                            t.rollbacks());
            if (o.out() == null) return;
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (done > 0) { // an export-only call (no steps to go) says nothing about training
                metrics.put("steps_this_run", (double) done);
                metrics.put("train_minutes_this_run", took);
                metrics.put("skipped_batches", (double) t.skipped());
            }
            if (o.eval() > 0) {
                Path trial = Files.createTempDirectory(o.work(), "eval");
                t.exportGenerator(trial, metrics);
                copyUpsampler(o.out(), trial);
                AttributeProbe probe = AttributeProbe.forEvaluation();
                try (PortraitPipeline gen = PortraitPipeline.load(trial)) {
                    EvalDiffusion.Result r = EvalDiffusion.evaluate(gen, probe, o.eval(), 25, 1000);
                    String[] names = {"gender", "hair", "clothing"};
                    for (int h = 0; h < 3; h++) {
                        metrics.put("heldout_" + names[h], r.conditional()[h]);
                        metrics.put("heldout_" + names[h] + "_unconditional", r.unconditional()[h]);
                        metrics.put("heldout_" + names[h] + "_real_renders", r.realRenders()[h]);
                    }
                    metrics.put("heldout_captions", (double) o.eval());
                    o.log()
                            .printf(
                                    Locale.ROOT,
                                    "diffusion: %d held-out captions: gender %.0f%% / hair %.0f%% / clothing %.0f%% "
                                            + "(unconditional %.0f / %.0f / %.0f; probe on real renders %.0f / %.0f / %.0f)%n",
                                    o.eval(),
                                    100 * r.conditional()[0],
                                    100 * r.conditional()[1],
                                    100 * r.conditional()[2],
                                    100 * r.unconditional()[0],
                                    100 * r.unconditional()[1],
                                    100 * r.unconditional()[2],
                                    100 * r.realRenders()[0],
                                    100 * r.realRenders()[1],
                                    100 * r.realRenders()[2]);
                }
                FileTrees.delete(trial);
            }
            t.exportGenerator(o.out(), metrics);
            copyUpsampler(o.out(), o.out());
            o.log().println("diffusion: generator written to " + o.out());
        }
    }

    /** Puts an upsampler into {@code to} unless one is there: from {@code from}, else the committed one. */
    static void copyUpsampler(Path from, Path to) throws IOException {
        Path dst = to.resolve("upsampler");
        if (Files.exists(dst.resolve("manifest.json"))) return;
        Path src = from.resolve("upsampler");
        if (!Files.exists(src.resolve("manifest.json")))
            src = PortraitPipeline.committedDir().resolve("upsampler");
        Files.createDirectories(dst);
        try (var files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, dst.resolve(f.getFileName()));
        }
        Checkpoint.verify(dst);
    }
}

package lemon.mini.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.Upsampler2x;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.pipelines.PortraitPipeline;

/**
 * Trains the lemon-mini models, from the repository root:
 * <pre>
 *   lemon train-mini validator|clip|upsampler|diffusion|all|probe [--steps N] [--work DIR] [--out DIR]
 *       [--resume] [--seed S] [--eval N] [--minutes M] [--scenes] [--regional] [--warm-start [DIR]]
 * </pre>
 * {@code all} trains them in that order within {@value #ALL_MINUTES} minutes: diffusion gets what the
 * others leave (it uses the CLIP just trained for its text encoder).
 * Work checkpoints go to {@code DIR/<model>} every 100 steps ({@code --resume} continues from them,
 * step count included), the loss curves to {@code DIR/loss-curves.png}, and the final weights with
 * their manifest (steps, data seed, held-out metrics, sha256 of each file) to {@code OUT/<model>}.
 */
public final class TrainMini {
    static final int CHECKPOINT_EVERY = 100;

    /** {@code log}: where progress and results are printed. */
    public record Options(
            String what,
            long steps,
            Path work,
            Path out,
            boolean resume,
            long seed,
            int eval,
            double minutes,
            PrintStream log,
            boolean scenes,
            Path warmStart,
            boolean regional) {
        public Options(
                String what,
                long steps,
                Path work,
                Path out,
                boolean resume,
                long seed,
                int eval,
                double minutes,
                PrintStream log) {
            this(what, steps, work, out, resume, seed, eval, minutes, log, false, null, false);
        }
    }

    static final java.util.List<String> MODELS =
            java.util.List.of("validator", "clip", "upsampler", "diffusion", "all", "probe");
    /** Wall-clock budget of {@code all}: what is left of it after the other models goes to diffusion. */
    static final double ALL_MINUTES = 60;
    /** Held back from the diffusion budget for its evaluation and export. */
    static final double DIFFUSION_EVAL_MINUTES = 4;

    private TrainMini() {}

    /** Runs {@code lemon train-mini} with its arguments (model first, then options), printing to {@code out}. */
    public static void run(List<String> args, PrintStream out) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        run(parse(out, args.toArray(String[]::new)));
    }

    /** Trains what the options say. */
    public static void run(Options o) throws IOException {
        if (o.what().equals("probe")) {
            trainProbe(o);
            return;
        }
        LossCurves curves = new LossCurves();
        long t0 = System.nanoTime();
        boolean all = o.what().equals("all");
        if (all || o.what().equals("validator")) trainValidator(o, curves);
        if (all || o.what().equals("clip")) ClipTrainer.run(o, curves);
        if (all || o.what().equals("upsampler")) trainUpsampler(o, curves);
        if (all || o.what().equals("diffusion")) {
            double minutes = o.minutes();
            if (minutes <= 0 && all) minutes = ALL_MINUTES - (System.nanoTime() - t0) / 6e10 - DIFFUSION_EVAL_MINUTES;
            if (all && minutes < 1)
                throw new IllegalStateException("no time left for diffusion in the " + ALL_MINUTES + "-minute budget");
            Path clip = o.out().resolve(MiniWeights.CLIP);
            DiffusionTraining.run(
                    new DiffusionTraining.Options(
                            o.steps() > 0 ? o.steps() : 20_000,
                            o.work().resolve("diffusion"),
                            o.out().resolve("diffusion"),
                            o.resume(),
                            250,
                            minutes,
                            Files.exists(clip.resolve("manifest.json")) ? clip : null,
                            o.eval() > 0 ? o.eval() : 100,
                            o.log(),
                            o.scenes(),
                            o.warmStart(),
                            o.regional()),
                    curves);
        }
        curves.write(o.work().resolve("loss-curves.png"));
        o.log()
                .printf(
                        Locale.ROOT,
                        "train-mini %s: %.1f min in all; loss curves in %s%n",
                        o.what(),
                        (System.nanoTime() - t0) / 6e10,
                        o.work().resolve("loss-curves.png"));
    }

    /** What one training run did, for the manifest. */
    record RunStats(double lossEma, double minutes, long steps) {
        /** Held-out metrics plus how the training went. */
        Map<String, Double> manifestMetrics(Map<String, Double> heldOut, BatchTrainer<?, ?> t) {
            Map<String, Double> m = new LinkedHashMap<>(heldOut);
            m.put("train_loss_ema", lossEma);
            m.put("train_minutes_this_run", minutes);
            m.put("steps_this_run", (double) steps);
            m.put("non_finite_steps", (double) t.nonFiniteSteps());
            m.put("batch", (double) t.batch);
            return m;
        }
    }

    /**
     * Trains {@code t} to {@code steps} in total at the rates of {@code schedule}: resumes from
     * {@code work/<label>} if asked, shows a progress bar, logs the loss, checkpoints every
     * {@value #CHECKPOINT_EVERY} steps and at the end.
     */
    static RunStats loop(
            BatchTrainer<?, ?> t, String label, long steps, LearningRate schedule, Options o, LossCurves curves)
            throws IOException {
        Path ckpt = o.work().resolve(label);
        if (o.resume() && t.resume(ckpt)) o.log().println(label + ": resumed at step " + t.step() + " from " + ckpt);
        TrainingLoop.Result r = TrainingLoop.run(
                t.inLoop(ckpt),
                new TrainingLoop.Plan(label, steps, CHECKPOINT_EVERY, 0, 0.95, o.work(), schedule),
                curves,
                o.log());
        return new RunStats(r.lossEma(), r.minutes(), r.steps());
    }

    /**
     * The attribute probe eval-mini and diffusion training judge portraits with (not a model LeMon
     * paints with, so not part of {@code all}): trained as {@link AttributeProbe#forEvaluation}
     * describes, written to {@code OUT/probe/evaluation.safetensors}, with its accuracy on renders
     * of a seed it never saw.
     */
    static void trainProbe(Options o) throws IOException {
        long t0 = System.nanoTime();
        AttributeProbe p =
                AttributeProbe.train(AttributeProbe.EVAL_SEED, AttributeProbe.EVAL_RENDERS, AttributeProbe.EVAL_EPOCHS);
        Path file = o.out().resolve("probe").resolve("evaluation.safetensors");
        p.write(
                file,
                Map.of(
                        "data_seed", String.valueOf(AttributeProbe.EVAL_SEED),
                        "renders", String.valueOf(AttributeProbe.EVAL_RENDERS),
                        "epochs", String.valueOf(AttributeProbe.EVAL_EPOCHS)));
        double[] acc = p.accuracyOnRenders(4242, 300);
        o.log()
                .printf(
                        Locale.ROOT,
                        "probe: trained in %.1f s; on 300 validation renders of seed 4242 gender %.0f%%, hair %.0f%%, clothing %.0f%%; written to %s%n",
                        (System.nanoTime() - t0) / 1e9,
                        100 * acc[AttributeProbe.Head.GENDER.ordinal()],
                        100 * acc[AttributeProbe.Head.HAIR.ordinal()],
                        100 * acc[AttributeProbe.Head.CLOTHING.ordinal()],
                        file);
    }

    /** The 2× upsampler after the 32 px diffusion model: small, a few minutes; resumable like the others. */
    static void trainUpsampler(Options o, LossCurves curves) throws IOException {
        long steps = o.steps() > 0 ? o.steps() : 600;
        try (UpsamplerTrainer t =
                new UpsamplerTrainer(Upsampler2x.Config.standard(), 7, 32, 2e-3f, 5, PortraitData.SMALL)) {
            RunStats run = loop(t, "upsampler", steps, LearningRate.CONSTANT, o, curves);
            double[] l1 = t.heldOutL1();
            Path dir = o.out().resolve("diffusion").resolve("upsampler");
            Map<String, Double> metrics = run.manifestMetrics(Map.of("heldOutL1", l1[0], "nearestL1", l1[1]), t);
            Checkpoint.save(dir, UpsamplerTrainer.NAME, t.model(), t.step(), 7, metrics);
            o.log()
                    .printf(
                            Locale.ROOT,
                            "upsampler: %,d parameters, %d steps (%d this run) in %.1f min; held-out L1 %.4f (nearest-neighbour %.4f); saved to %s%n",
                            t.model().params().count(),
                            t.step(),
                            run.steps(),
                            run.minutes(),
                            l1[0],
                            l1[1],
                            dir);
        }
    }

    private static Path committedGenerator() {
        try {
            return PortraitPipeline.committedDir();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the committed generator cannot be read", e);
        }
    }

    static Options parse(String... args) {
        return parse(System.out, args);
    }

    static Options parse(PrintStream log, String... args) {
        if (args.length == 0 || !MODELS.contains(args[0])) {
            throw new IllegalArgumentException(
                    "usage: TrainMini " + String.join("|", MODELS)
                            + " [--steps N] [--work DIR] [--out DIR] [--resume] [--seed S] [--eval N] [--minutes M] [--scenes] [--regional] [--warm-start [DIR]]");
        }
        long steps = -1, seed = 2026;
        double minutes = 0;
        int eval = -1;
        Path work = Path.of("target", "lemon-mini-train"), out = MiniWeights.SOURCE_DIR;
        boolean resume = false, scenes = false, regional = false;
        Path warm = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--resume" -> resume = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--eval" -> eval = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--scenes" -> scenes = true; // diffusion: scenes + description-register captions
                case "--regional" -> regional = true; // diffusion: scenes learned with regional cross-attention
                case "--warm-start" -> // diffusion: start from a generator's weights (default: the committed one)
                    warm = i + 1 < args.length && !args[i + 1].startsWith("--")
                            ? Path.of(args[++i])
                            : committedGenerator();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(args[0], steps, work, out, resume, seed, eval, minutes, log, scenes, warm, regional);
    }

    static void trainValidator(Options o, LossCurves curves) throws IOException {
        long steps = o.steps() > 0 ? o.steps() : 2000;
        try (ValidatorTrainer t =
                new ValidatorTrainer(ValidatorTrainer.shippedConfig(), o.seed(), 32, 2e-3f, o.seed())) {
            RunStats run = loop(t, MiniWeights.VALIDATOR, steps, LearningRate.DROP_LAST_30_PERCENT, o, curves);
            double minutes = run.minutes();
            long startStep = t.step() - run.steps();
            try (MiniValidatorAdapter a = new MiniValidatorAdapter(t.model(), t.manager(), ValidatorTrainer.NAME)) {
                ValidatorTrainer.Metrics m = ValidatorTrainer.evaluate(
                        a,
                        o.seed(),
                        o.eval() > 0 ? o.eval() : 600,
                        t.model().config().imageSize());
                Map<String, Double> metrics = run.manifestMetrics(m.asMap("heldout_"), t);
                ModelManifest saved = Checkpoint.save(
                        o.out().resolve(MiniWeights.VALIDATOR),
                        ValidatorTrainer.NAME,
                        t.model(),
                        t.step(),
                        o.seed(),
                        metrics);
                o.log()
                        .printf(
                                Locale.ROOT,
                                "validator: %d steps (%d this run, %.1f min); held-out %d images: count %.1f%% "
                                        + "(majority %.1f%%), gender %.1f%% of %d people (majority %.1f%%); saved to %s (%s)%n",
                                t.step(),
                                t.step() - startStep,
                                minutes,
                                m.images(),
                                100 * m.countAccuracy(),
                                100 * m.majorityCountAccuracy(),
                                100 * m.genderAccuracy(),
                                m.people(),
                                100 * m.majorityGenderAccuracy(),
                                o.out().resolve(MiniWeights.VALIDATOR),
                                saved.sha256().get("weights.safetensors").substring(0, 12));
            }
        }
    }
}

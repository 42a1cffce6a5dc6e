package lemon.mini.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lemon.mini.model.Checkpoint;
import lemon.mini.model.ModelManifest;

/**
 * Trains the lemon-mini validator and/or CLIP, from the repository root:
 * <pre>
 *   java … lemon.mini.train.TrainMini validator|clip|all [--steps N] [--work DIR] [--out DIR] [--resume] [--seed S] [--eval N]
 * </pre>
 * Work checkpoints go to {@code DIR/<model>} every 100 steps ({@code --resume} continues from them,
 * step count included), the loss curves to {@code DIR/loss-curves.png}, and the final weights with
 * their manifest (steps, data seed, held-out metrics, sha256 of each file) to {@code OUT/<model>}.
 */
public final class TrainMini {
    static final int CHECKPOINT_EVERY = 100;

    public record Options(String what, long steps, Path work, Path out, boolean resume, long seed, int eval) {}

    private TrainMini() {}

    public static void main(String[] args) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        Options o = parse(args);
        LossCurves curves = new LossCurves();
        if (o.what().equals("validator") || o.what().equals("all")) trainValidator(o, curves);
        if (o.what().equals("clip") || o.what().equals("all")) ClipTrainer.run(o, curves);
    }

    static Options parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("validator") || args[0].equals("clip") || args[0].equals("all"))) {
            throw new IllegalArgumentException("usage: TrainMini validator|clip|all [--steps N] [--work DIR] [--out DIR] [--resume] [--seed S] [--eval N]");
        }
        long steps = -1, seed = 2026;
        int eval = -1;
        Path work = Path.of("target", "lemon-mini-train"), out = MiniWeights.SOURCE_DIR;
        boolean resume = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Long.parseLong(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--resume" -> resume = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--eval" -> eval = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(args[0], steps, work, out, resume, seed, eval);
    }

    static void trainValidator(Options o, LossCurves curves) throws IOException {
        long steps = o.steps() > 0 ? o.steps() : 2000;
        Path ckpt = o.work().resolve(MiniWeights.VALIDATOR);
        try (ValidatorTrainer t = new ValidatorTrainer(ValidatorTrainer.shippedConfig(), o.seed(), 32, 2e-3f, o.seed())) {
            if (o.resume() && t.resume(ckpt)) System.out.println("validator: resumed at step " + t.step() + " from " + ckpt);
            t.plan(steps);
            long t0 = System.nanoTime(), startStep = t.step();
            // the bar covers this run's steps only, so its rate and time left stay right after a resume
            ProgressBar bar = ProgressBar.forConsole(startStep > 0 ? "validator+" + startStep : "validator", steps - startStep);
            LossLog log = new LossLog(o.work(), "validator", curves, startStep);
            double avg = Double.NaN;
            while (t.step() < steps) {
                double loss = t.trainStep(ckpt);
                if (Double.isFinite(loss)) {
                    avg = Double.isNaN(avg) ? loss : 0.95 * avg + 0.05 * loss;
                    log.add(curves, "validator", t.step(), loss);
                } else {
                    System.out.println("\nvalidator: non-finite loss at step " + t.step() + ", reloaded the last checkpoint");
                }
                bar.update(t.step() - startStep, avg);
                if (t.step() % CHECKPOINT_EVERY == 0 || t.step() == steps) {
                    if (t.checkpoint(ckpt, Map.of("train_loss_ema", avg)) == null) {
                        System.out.println("\nvalidator: non-finite weights at step " + t.step() + ", reloaded the last checkpoint");
                    }
                    log.flush();
                    curves.write(o.work().resolve("loss-curves.png"));
                }
            }
            log.close();
            double minutes = (System.nanoTime() - t0) / 60e9;
            try (MiniValidatorAdapter a = new MiniValidatorAdapter(t.model(), t.manager(), ValidatorTrainer.NAME)) {
                ValidatorTrainer.Metrics m = ValidatorTrainer.evaluate(a, o.seed(), o.eval() > 0 ? o.eval() : 600, t.model().config().imageSize());
                Map<String, Double> metrics = new LinkedHashMap<>(m.asMap("heldout_"));
                metrics.put("train_loss_ema", avg);
                metrics.put("train_minutes_this_run", minutes);
                metrics.put("steps_this_run", (double) (t.step() - startStep));
                metrics.put("non_finite_steps", (double) t.nonFiniteSteps());
                metrics.put("batch", 32.0);
                ModelManifest saved = Checkpoint.save(o.out().resolve(MiniWeights.VALIDATOR), ValidatorTrainer.NAME, t.model(),
                    t.step(), o.seed(), metrics);
                System.out.printf(Locale.ROOT, "validator: %d steps (%d this run, %.1f min); held-out %d images: count %.1f%% "
                        + "(majority %.1f%%), gender %.1f%% of %d people (majority %.1f%%); saved to %s (%s)%n",
                    t.step(), t.step() - startStep, minutes, m.images(), 100 * m.countAccuracy(), 100 * m.majorityCountAccuracy(),
                    100 * m.genderAccuracy(), m.people(), 100 * m.majorityGenderAccuracy(), o.out().resolve(MiniWeights.VALIDATOR),
                    saved.sha256().get("weights.safetensors").substring(0, 12));
            }
        }
    }
}

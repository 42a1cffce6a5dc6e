package lemon.mini.diffusion;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import lemon.mini.train.LossCurves;
import lemon.mini.train.ProgressBar;

/**
 * Trains the portrait diffusion model.
 * Usage: {@code --steps N [--work DIR] [--out DIR] [--resume] [--save-every N] [--minutes M]}; --out receives
 * the EMA generator checkpoint ({@code text/}, {@code unet/}) when training ends.
 */
public final class TrainDiffusionMain {
    private TrainDiffusionMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        int steps = 1000, saveEvery = 250;
        Path work = Path.of("target", "diffusion-work"), out = null;
        boolean resume = false;
        double minutes = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--resume" -> resume = true;
                case "--save-every" -> saveEvery = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                    + "; usage: --steps N [--work DIR] [--out DIR] [--resume] [--save-every N] [--minutes M]");
            }
        }
        long t0 = System.nanoTime();
        try (PortraitDiffusionTrainer t = new PortraitDiffusionTrainer(PortraitDiffusionTrainer.Settings.standard(), work, resume)) {
            long start = t.steps();
            System.out.printf(Locale.ROOT, "text encoder %,d + unet %,d parameters; starting at step %d%n",
                t.textEncoder().params().count(), t.unet().params().count(), start);
            LossCurves curves = new LossCurves();
            long deadline = minutes > 0 ? t0 + (long) (minutes * 6e10) : 0;
            int done = t.train(steps, saveEvery, deadline, curves, work.resolve("loss.png"), ProgressBar.forConsole("diffusion", steps));
            double took = (System.nanoTime() - t0) / 6e10;
            System.out.printf(Locale.ROOT, "trained %d steps (now at %d) in %.1f min, %.0f ms/step, %d NaN batches skipped, %d rollbacks%n",
                done, t.steps(), took, took * 6e4 / Math.max(1, done), t.skipped(), t.rollbacks());
            if (out != null) {
                t.exportGenerator(out, Map.of("steps", (double) t.steps()));
                System.out.println("generator checkpoint written to " + out);
            }
        }
    }
}

package lemon.mini.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one training loop every trainer runs in (validator, CLIP, upsampler, diffusion, and the
 * matcher head of {@code lemon.engine.matcher.training}): steps until a target step count (a
 * resumed run counts from where it stopped) or a deadline, each at the rate the plan's
 * {@link LearningRate} schedule gives, a progress bar over this run's steps, the loss into the
 * curves and the run's loss log, a work checkpoint every {@code checkpointEvery} steps, at the
 * target and at the deadline. What a step is (data prefetch, NaN/Inf guard, Adam, EMA) is the
 * trainer's, built from the shared {@link Prefetcher}, {@link NonFiniteGuard}, {@link Adam} and
 * {@link Ema}: {@link BatchTrainer} (validator, CLIP, upsampler, matcher head) and
 * {@link PortraitDiffusionTrainer}.
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /** What the loop drives. */
    public interface Trainer {
        /** Steps applied so far, resumed ones included. */
        long step();

        /** The rate the plan's schedule is relative to. */
        float baseRate();

        /** Trains on one batch at learning rate {@code rate}; the loss, or NaN when the guard did not apply the batch. */
        double trainStep(float rate) throws IOException;

        /**
         * Writes a work checkpoint with the smoothed loss; false when the weights were not finite and
         * the trainer went back to its last checkpoint instead.
         */
        boolean checkpoint(double lossEma) throws IOException;

        /** A line on the batch just skipped. */
        String skipped();
    }

    /**
     * @param label           progress bar, messages and the loss log's file name ({@code loss-<label>.csv})
     * @param target          step count to reach
     * @param checkpointEvery steps between work checkpoints
     * @param deadlineNanos   System.nanoTime() to stop at (a checkpoint is written), or 0 for none
     * @param smoothing       weight of the old value in the displayed loss average (0.95: ~20 steps)
     * @param work            where {@code loss-curves.png} and the loss log go; null for neither
     * @param rate            the learning-rate schedule over the steps up to {@code target}
     */
    public record Plan(
            String label,
            long target,
            int checkpointEvery,
            long deadlineNanos,
            double smoothing,
            Path work,
            LearningRate rate) {}

    /** The smoothed loss at the end, minutes and steps this run. */
    public record Result(double lossEma, double minutes, long steps) {}

    /** Runs {@code t} to the plan's target, printing to {@code out}; {@code curves} may be null. */
    public static Result run(Trainer t, Plan p, LossCurves curves, PrintStream out) throws IOException {
        long t0 = System.nanoTime(), start = t.step();
        // the bar covers this run's steps only, so its rate and time left stay right after a resume
        ProgressBar bar = ProgressBar.forConsole(
                out, start > 0 ? p.label() + "+" + start : p.label(), Math.max(1, p.target() - start));
        LossCurves c = curves != null ? curves : new LossCurves();
        LossLog log = p.work() != null ? new LossLog(p.work(), p.label(), c, start) : null;
        double avg = Double.NaN;
        long saved = -1;
        try {
            while (t.step() < p.target()) {
                if (p.deadlineNanos() != 0 && System.nanoTime() > p.deadlineNanos()) break;
                double loss = t.trainStep(p.rate().at(t.baseRate(), t.step(), p.target()));
                if (Double.isFinite(loss)) {
                    avg = Double.isNaN(avg) ? loss : p.smoothing() * avg + (1 - p.smoothing()) * loss;
                    if (log != null) log.add(c, p.label(), t.step(), loss);
                    else c.add(p.label(), t.step(), loss);
                } else {
                    out.println("\n" + p.label() + ": " + t.skipped());
                }
                bar.update(t.step() - start, avg);
                if (t.step() != saved && (t.step() % p.checkpointEvery() == 0 || t.step() >= p.target())) {
                    checkpoint(t, p, avg, c, log, out);
                    saved = t.step();
                }
            }
            if (t.step() != saved && t.step() > start) checkpoint(t, p, avg, c, log, out); // stopped by the deadline
        } finally {
            if (log != null) log.close();
        }
        return new Result(avg, (System.nanoTime() - t0) / 60e9, t.step() - start);
    }

    private static void checkpoint(Trainer t, Plan p, double avg, LossCurves c, LossLog log, PrintStream out)
            throws IOException {
        if (!t.checkpoint(avg)) {
            out.println(
                    "\n" + p.label() + ": non-finite weights at step " + t.step() + ", reloaded the last checkpoint");
        }
        if (log != null) log.flush();
        if (p.work() != null) c.write(p.work().resolve("loss-curves.png"));
    }
}

package lemon.mini.training;

/**
 * The learning-rate schedule of a {@link TrainingLoop} run, relative to the trainer's base rate:
 * the base rate until {@code dropAt} of the planned steps, then the base rate divided by
 * {@code divisor}. A drop restarts Adam's moments ({@link Adam#setRate}): a fresh optimiser at the
 * lower rate, which is how the committed validator and CLIP were trained.
 */
public record LearningRate(double dropAt, float divisor) {
    /** One rate throughout (the diffusion model, the upsampler, the matcher head). */
    public static final LearningRate CONSTANT = new LearningRate(Double.POSITIVE_INFINITY, 1);

    /** A fifth of the rate for the last 30% of the steps (the validator and CLIP). */
    public static final LearningRate DROP_LAST_30_PERCENT = new LearningRate(0.7, 5);

    /** The rate of step {@code step} (0-based) of a run planned to reach {@code target} steps. */
    public float at(float base, long step, long target) {
        // divided, not multiplied by 1/divisor: the float the committed weights were trained with
        return step >= (long) (target * dropAt) ? base / divisor : base;
    }
}

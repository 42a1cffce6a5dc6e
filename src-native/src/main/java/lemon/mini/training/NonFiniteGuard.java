package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import lemon.mini.models.Params;

/**
 * The NaN/Inf guard of every trainer: the loss is read before the backward pass (a non-finite loss
 * is not back-propagated), and the gradients are checked before the optimiser. PyTorch on CPU now
 * and then returns non-finite gradients for a finite loss and finite weights; applied, that NaN
 * would sit in the weights, the Adam moments and the EMA for good.
 */
public final class NonFiniteGuard {
    /**
     * DJL lets one PyTorch gradient collector exist per JVM and throws for a second, although
     * libtorch's grad mode is per thread. Two trainings in one process (two runs served at once,
     * tests in parallel) take turns through this lock for each forward/backward instead.
     */
    private static final ReentrantLock COLLECTING = new ReentrantLock();

    private NonFiniteGuard() {}

    /** A gradient collector held under the JVM-wide lock until closed; every trainer gets its collector here. */
    public static GradientCollector collector() {
        COLLECTING.lock();
        try {
            GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector();
            return new GradientCollector() {
                @Override
                public void backward(NDArray target) {
                    gc.backward(target);
                }

                @Override
                public void zeroGradients() {
                    gc.zeroGradients();
                }

                @Override
                public void close() {
                    try {
                        gc.close();
                    } finally {
                        COLLECTING.unlock();
                    }
                }
            };
        } catch (RuntimeException | Error e) {
            COLLECTING.unlock();
            throw e;
        }
    }

    /** What one guarded forward/backward gave; {@link #applicable()} says whether the optimiser may step. */
    public record Outcome(double loss, boolean finiteLoss, boolean finiteGradients) {
        public boolean applicable() {
            return finiteLoss && finiteGradients;
        }
    }

    /**
     * Computes {@code loss} under a gradient collector and back-propagates it when finite. Call inside
     * a scope the trained parameters are attached to. Non-finite gradients are cleared (fresh arrays),
     * so nothing of the bad batch can be applied later.
     */
    public static Outcome backward(Supplier<NDArray> loss, Params... trained) {
        double value;
        try (GradientCollector gc = collector()) {
            NDArray l = loss.get();
            value = l.getFloat();
            if (!Double.isFinite(value)) return new Outcome(value, false, true);
            gc.backward(l);
        }
        boolean finite = true;
        for (Params p : trained) finite &= p.finiteGradients();
        if (!finite) for (Params p : trained) p.clearGradients();
        return new Outcome(value, true, finite);
    }
}

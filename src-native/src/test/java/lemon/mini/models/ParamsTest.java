package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import lemon.mini.training.NonFiniteGuard;
import org.junit.jupiter.api.Test;

class ParamsTest {
    /** Back-propagates {@code loss(a, b)} over two parameters [0, 1, 4] and asks the guard. */
    private static boolean finiteAfter(BiFunction<NDArray, NDArray, NDArray> loss) {
        try (NDManager m = TestSupport.manager();
                Params p = new Params(m);
                NDManager scope = m.newSubManager()) {
            p.put("a", p.manager().create(new float[] {0, 1, 4}));
            p.put("b", p.manager().create(new float[] {0, 1, 4}));
            p.get("a").setRequiresGradient(true);
            p.get("b").setRequiresGradient(true);
            p.attachTo(scope);
            try (GradientCollector gc = NonFiniteGuard.collector()) {
                NDArray l = loss.apply(p.get("a"), p.get("b"));
                assertTrue(Float.isFinite(l.getFloat()), "the loss itself is finite");
                gc.backward(l);
            }
            return p.finiteGradients();
        }
    }

    @Test
    void finiteGradientsPass() {
        assertTrue(finiteAfter((a, b) -> a.square().sum().add(b.mul(3).sum())));
    }

    @Test
    void anInfiniteGradientBehindAFiniteLossIsCaught() {
        // d sqrt(a)/da at a = 0 is +inf while sqrt(0) = 0
        assertFalse(finiteAfter((a, b) -> a.sqrt().sum().add(b.sum())));
    }

    @Test
    void oppositeInfinitiesInTwoParametersDoNotCancel() {
        assertFalse(finiteAfter((a, b) -> a.sqrt().sum().sub(b.sqrt().sum())));
    }

    @Test
    void twoThreadsTrainAtOnceTakingTurnsForTheCollector() throws Exception {
        // DJL alone throws "A PtGradientCollector is already collecting" for the second thread.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 40; i++)
                futures.add(pool.submit(() ->
                        finiteAfter((a, b) -> a.square().sum().add(b.mul(3).sum()))));
            for (var f : futures) assertTrue(f.get());
        } finally {
            pool.shutdownNow();
        }
    }
}

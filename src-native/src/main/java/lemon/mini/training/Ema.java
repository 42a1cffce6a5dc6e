package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import lemon.mini.models.Params;

/** Exponential moving average of a model's weights (what diffusion models sample from). */
public final class Ema implements AutoCloseable {
    private final NDManager manager;
    private final float decay;
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();

    public Ema(Params source, float decay) {
        this.manager = source.manager().newSubManager();
        this.decay = decay;
        for (var e : source.all().entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(manager);
            copy.setRequiresGradient(false);
            shadow.put(e.getKey(), copy);
        }
    }

    /** shadow ← decay·shadow + (1−decay)·weights. */
    public void update(Params source) {
        try (NDManager scope = manager.newSubManager()) {
            for (var e : shadow.entrySet()) {
                NDArray w = source.get(e.getKey());
                w.tempAttach(scope);
                e.getValue().muli(decay).addi(w.mul(1 - decay));
            }
        }
    }

    /** Writes the averaged weights into {@code target} (a model of the same config). */
    public void copyInto(Params target) {
        for (var e : shadow.entrySet()) {
            NDArray copy = e.getValue().duplicate();
            target.put(e.getKey(), copy);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

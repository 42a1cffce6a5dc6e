package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's named parameters. We manage parameters ourselves instead of DJL's Block API: the
 * names are SD-1.x's own state-dict names, so checkpoints and {@link SdWeightLoader} need no
 * shape inference, and freezing a subset (personalisation) is one set lookup.
 *
 * <p>Memory: parameters live in this store's manager. During a step the caller moves them into a
 * short-lived scope with {@link #attachTo}; every intermediate result then dies with the scope,
 * whichever operand an op was called on, and the parameters return here when it closes.
 */
public final class Params implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final Set<String> frozen = new HashSet<>();

    public Params(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    public NDManager manager() {
        return manager;
    }

    /** Gaussian init; std is usually 1/sqrt(fan-in). */
    public NDArray normal(String name, float std, long... shape) {
        return put(name, manager.randomNormal(0f, std, new Shape(shape), DataType.FLOAT32));
    }

    public NDArray zeros(String name, long... shape) {
        return put(name, manager.zeros(new Shape(shape), DataType.FLOAT32));
    }

    public NDArray ones(String name, long... shape) {
        return put(name, manager.ones(new Shape(shape), DataType.FLOAT32));
    }

    /** Linear layer in PyTorch layout: weight [out, in], bias [out]. */
    public void linear(String name, long in, long out, boolean bias) {
        normal(name + ".weight", (float) (1 / Math.sqrt(in)), out, in);
        if (bias) zeros(name + ".bias", out);
    }

    /** Conv layer in PyTorch layout: weight [out, in, k, k], bias [out]. zeroInit for residual outputs. */
    public void conv(String name, long in, long out, int k, boolean zeroInit) {
        if (zeroInit) zeros(name + ".weight", out, in, k, k);
        else normal(name + ".weight", (float) (1 / Math.sqrt(in * k * k)), out, in, k, k);
        zeros(name + ".bias", out);
    }

    /** Norm layer (LayerNorm or GroupNorm): weight 1, bias 0. */
    public void norm(String name, long channels) {
        ones(name + ".weight", channels);
        zeros(name + ".bias", channels);
    }

    /** Adds (or replaces) a parameter; the store takes ownership of the array. */
    public NDArray put(String name, NDArray value) {
        value.attach(manager);
        value.setRequiresGradient(!frozen.contains(name));
        NDArray old = values.put(name, value);
        if (old != null && old != value) old.close();
        return value;
    }

    public NDArray get(String name) {
        NDArray v = values.get(name);
        if (v == null) throw new IllegalArgumentException("no parameter " + name);
        return v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(values);
    }

    public long count() {
        long n = 0;
        for (NDArray v : values.values()) n += v.getShape().size();
        return n;
    }

    /** Freezes every parameter whose name does not satisfy {@code keepTrainable}. */
    public void freezeAllExcept(java.util.function.Predicate<String> keepTrainable) {
        for (var e : values.entrySet()) {
            boolean train = keepTrainable.test(e.getKey());
            if (train) frozen.remove(e.getKey());
            else frozen.add(e.getKey());
            e.getValue().setRequiresGradient(train);
        }
    }

    public void unfreezeAll() {
        freezeAllExcept(n -> true);
    }

    public boolean trainable(String name) {
        return values.containsKey(name) && !frozen.contains(name);
    }

    /** Number of trainable (not frozen) parameters. */
    public long trainableCount() {
        long n = 0;
        for (var e : values.entrySet())
            if (!frozen.contains(e.getKey())) n += e.getValue().getShape().size();
        return n;
    }

    /**
     * Whether every trainable parameter's gradient is finite; call with the params attached to a
     * scope. One sum over all gradients, read once: a NaN or infinity anywhere makes it non-finite,
     * and it stays on the device (copying every gradient to the host cost 2.5 s a step for SD-1.x
     * on a GPU). Finite gradients whose sum overflows float count as non-finite, which is as well.
     */
    public boolean finiteGradients() {
        NDArray total = null;
        for (var e : values.entrySet()) {
            if (frozen.contains(e.getKey())) continue;
            NDArray s = e.getValue().getGradient().sum();
            total = total == null ? s : total.addi(s);
        }
        return total == null || Float.isFinite(total.getFloat());
    }

    /**
     * Drops all gradients. In-place arithmetic cannot clear a NaN gradient (NaN − NaN and NaN·0
     * are NaN), so each parameter is replaced by a fresh copy of its values, a leaf with no gradient.
     */
    public void clearGradients() {
        for (var e : List.copyOf(values.entrySet())) {
            NDArray w = e.getValue();
            load(e.getKey(), w.getShape().getShape(), w.toFloatArray());
        }
    }

    /** Temporarily moves every parameter into {@code scope}; they come back when it closes. */
    public void attachTo(NDManager scope) {
        for (NDArray v : values.values()) v.tempAttach(scope);
    }

    /** Copies a raw tensor into the named parameter, checking its shape. */
    public void load(String name, long[] shape, float[] data) {
        NDArray cur = get(name);
        if (!cur.getShape().equals(new Shape(shape))) {
            throw new IllegalArgumentException(
                    "shape mismatch for " + name + ": model " + cur.getShape() + ", file " + new Shape(shape));
        }
        put(name, manager.create(data, new Shape(shape)));
    }

    @Override
    public void close() {
        manager.close();
    }
}

package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lemon.mini.loaders.Safetensors;
import lemon.mini.models.Params;

/**
 * Adam over the trainable parameters of one or more {@link Params}. Our own (a dozen lines)
 * rather than DJL's, because DJL's keeps its moment arrays in the weight's current manager,
 * which during our scoped steps is the short-lived scope. With a weight decay it is AdamW.
 */
public final class Adam implements AutoCloseable {
    private final NDManager parent;
    private final float beta1, beta2, eps, weightDecay;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private NDManager manager;
    private float lr;
    private int t;

    public Adam(NDManager parent, float lr) {
        this(parent, lr, 0.9f, 0.999f, 1e-8f);
    }

    public Adam(NDManager parent, float lr, float beta1, float beta2, float eps) {
        this(parent, lr, beta1, beta2, eps, 0f);
    }

    /**
     * AdamW (Loshchilov &amp; Hutter) when {@code weightDecay} &gt; 0: each step first shrinks every
     * trained weight by the factor 1 − lr·weightDecay, then applies the Adam update (PyTorch's order);
     * the decay never enters the moments. 0 is plain Adam.
     */
    public Adam(NDManager parent, float lr, float beta1, float beta2, float eps, float weightDecay) {
        this.parent = parent;
        this.manager = parent.newSubManager();
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    /** AdamW with PyTorch's default betas and epsilon. */
    public static Adam adamW(NDManager parent, float lr, float weightDecay) {
        return new Adam(parent, lr, 0.9f, 0.999f, 1e-8f, weightDecay);
    }

    /**
     * The rate of the following steps. A different rate restarts the moments, as a fresh Adam at
     * that rate would: {@link LearningRate}'s drop is a warm restart.
     */
    public void setRate(float rate) {
        if (rate == lr) return;
        lr = rate;
        restart();
    }

    /** Forgets the moments and the step count: a fresh Adam at the same rate. */
    public void restart() {
        manager.close();
        manager = parent.newSubManager();
        moments.clear();
        t = 0;
    }

    /**
     * One update from the gradients left by the last backward pass; gradients are zeroed after.
     * The in-place updates of parameters that require gradients run with PyTorch's grad mode off,
     * which is per thread: a fresh thread (a workflow task's) starts with it on, and DJL's gradient
     * collector gives back whatever it found, so it is set here rather than assumed.
     */
    public void step(Params... stores) {
        try (lemon.mini.models.NoGrad g = lemon.mini.models.NoGrad.enter()) {
            update(stores);
        }
    }

    private void update(Params... stores) {
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        for (int si = 0; si < stores.length; si++) {
            Params ps = stores[si];
            for (var e : ps.all().entrySet()) {
                if (!ps.trainable(e.getKey())) continue;
                NDArray w = e.getValue();
                String key = si + "/" + e.getKey();
                NDArray[] mv = moments.computeIfAbsent(
                        key, k -> new NDArray[] {manager.zeros(w.getShape()), manager.zeros(w.getShape())});
                try (NDManager scope = manager.newSubManager()) {
                    w.tempAttach(scope);
                    mv[0].tempAttach(scope);
                    mv[1].tempAttach(scope);
                    NDArray g = w.getGradient();
                    if (weightDecay > 0) w.muli(1 - lr * weightDecay);
                    mv[0].muli(beta1).addi(g.mul(1 - beta1));
                    mv[1].muli(beta2).addi(g.square().muli(1 - beta2));
                    NDArray update =
                            mv[0].div(c1).divi(mv[1].div(c2).sqrt().addi(eps)).muli(lr);
                    w.subi(update);
                    g.subi(g); // PyTorch accumulates gradients; clear them for the next step
                }
            }
        }
    }

    /** File name of the optimiser state beside a work checkpoint's weights. */
    public static final String STATE_FILE = "adam.safetensors";

    /**
     * Writes the moments and step count, so a resumed run continues exactly where this one stopped
     * (without it Adam would restart from zero moments: a different run).
     */
    public void save(Path file) throws IOException {
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            save(out);
        }
    }

    /** As {@link #save(Path)} to a stream (left open), e.g. into a checkpoint kept in a blob store. */
    public void save(java.io.OutputStream out) throws IOException {
        Map<String, Safetensors.Tensor> tensors = new java.util.LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(moments).entrySet()) {
            for (int k = 0; k < 2; k++) {
                NDArray a = e.getValue()[k];
                tensors.put(
                        (k == 0 ? "m/" : "v/") + e.getKey(),
                        new Safetensors.Tensor(a.getShape().getShape(), a.toFloatArray()));
            }
        }
        Safetensors.write(out, tensors, "F32", Map.of("t", Integer.toString(t), "lr", Float.toString(lr)));
    }

    /** Restores what {@link #save} wrote, rate included (into an Adam built with the same parameter groups). */
    public void load(Path file) throws IOException {
        restart();
        try (Safetensors st = Safetensors.open(file)) {
            load(st);
        }
    }

    /** As {@link #load(Path)} from the bytes {@link #save(java.io.OutputStream)} wrote. */
    public void load(byte[] state) throws IOException {
        restart();
        try (Safetensors st = Safetensors.open(state, "optimizer state")) {
            load(st);
        }
    }

    private void load(Safetensors st) throws IOException {
        for (String name : st.entries().keySet()) {
            Safetensors.Tensor tensor = st.read(name);
            String key = name.substring(2);
            NDArray[] mv = moments.computeIfAbsent(key, k -> new NDArray[2]);
            int k = name.startsWith("m/") ? 0 : 1;
            if (mv[k] != null) mv[k].close();
            mv[k] = manager.create(tensor.data(), new ai.djl.ndarray.types.Shape(tensor.shape()));
        }
        t = Integer.parseInt(st.metadata().get("t"));
        lr = Float.parseFloat(st.metadata().get("lr"));
    }

    @Override
    public void close() {
        manager.close();
    }
}

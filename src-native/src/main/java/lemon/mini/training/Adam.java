package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;
import lemon.mini.models.Params;

/**
 * Adam over the trainable parameters of one or more {@link Params}. Our own (a dozen lines)
 * rather than DJL's, because DJL's keeps its moment arrays in the weight's current manager,
 * which during our scoped steps is the short-lived scope.
 */
public final class Adam implements AutoCloseable {
    private final NDManager manager;
    private final float lr, beta1, beta2, eps;
    private final Map<String, NDArray[]> moments = new HashMap<>();
    private int t;

    public Adam(NDManager parent, float lr) {
        this(parent, lr, 0.9f, 0.999f, 1e-8f);
    }

    public Adam(NDManager parent, float lr, float beta1, float beta2, float eps) {
        this.manager = parent.newSubManager();
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** One update from the gradients left by the last backward pass; gradients are zeroed after. */
    public void step(Params... stores) {
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        for (int si = 0; si < stores.length; si++) {
            Params ps = stores[si];
            for (var e : ps.all().entrySet()) {
                if (!ps.trainable(e.getKey())) continue;
                NDArray w = e.getValue();
                String key = si + "/" + e.getKey();
                NDArray[] mv = moments.computeIfAbsent(key, k -> new NDArray[] {
                    manager.zeros(w.getShape()), manager.zeros(w.getShape())});
                try (NDManager scope = manager.newSubManager()) {
                    w.tempAttach(scope);
                    mv[0].tempAttach(scope);
                    mv[1].tempAttach(scope);
                    NDArray g = w.getGradient();
                    mv[0].muli(beta1).addi(g.mul(1 - beta1));
                    mv[1].muli(beta2).addi(g.square().muli(1 - beta2));
                    NDArray update = mv[0].div(c1).divi(mv[1].div(c2).sqrt().addi(eps)).muli(lr);
                    w.subi(update);
                    g.subi(g); // PyTorch accumulates gradients; clear them for the next step
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

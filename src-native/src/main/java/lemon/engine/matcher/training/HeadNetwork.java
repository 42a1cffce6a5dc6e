package lemon.engine.matcher.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import lemon.mini.models.MiniModel;
import lemon.mini.models.Params;
import lemon.retrieval.MlpHead;

/**
 * The matcher head as tensors, for training: normalise(relu(x·W1 + b1)·W2 + b2), the same function
 * as {@link MlpHead#apply}, which is what it becomes for inference ({@link #toMlpHead}).
 */
final class HeadNetwork implements MiniModel {
    /** Input (MiniLM), hidden and output widths. */
    record Dims(int in, int hidden, int out) {}

    private final Dims dims;
    private final Params params;

    HeadNetwork(Dims dims, NDManager parent, long seed) {
        this.dims = dims;
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        // Kaiming-normal weights for the ReLU layer, small ones for the projection
        params.normal("w1", (float) Math.sqrt(2.0 / dims.in()), dims.in(), dims.hidden());
        params.zeros("b1", dims.hidden());
        params.normal("w2", (float) Math.sqrt(1.0 / dims.hidden()), dims.hidden(), dims.out());
        params.zeros("b2", dims.out());
    }

    @Override
    public String kind() {
        return "matcher-head";
    }

    @Override
    public Dims config() {
        return dims;
    }

    @Override
    public Params params() {
        return params;
    }

    /** x [N, in] → unit vectors [N, out]; call inside a scope holding the params. */
    NDArray forward(NDArray x) {
        NDArray h = x.matMul(params.get("w1")).add(params.get("b1")).maximum(0f);
        NDArray y = h.matMul(params.get("w2")).add(params.get("b2"));
        return y.div(y.norm(new int[] {1}, true).add(1e-8f));
    }

    /** The weights as the inference head (MlpHead keeps each layer as [out][in]). */
    MlpHead toMlpHead(NDManager parent) {
        try (NDManager scope = parent.newSubManager()) {
            params.attachTo(scope);
            return new MlpHead(
                    dims.in(),
                    dims.hidden(),
                    dims.out(),
                    params.get("w1").transpose().toFloatArray(),
                    params.get("b1").toFloatArray(),
                    params.get("w2").transpose().toFloatArray(),
                    params.get("b2").toFloatArray());
        }
    }
}

package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Text conditioning with learned tokens: the captions' ids go through the text encoder with the
 * learned embeddings in place of the placeholders' ({@link MiniTextEncoder#forward(NDArray, NDArray,
 * NDArray)}). With a {@link TokenMapper}, each cross-attention layer at each timestep reads states
 * encoded with token + M(t, layer); without one every layer and timestep reads the same states
 * (Textual Inversion). The pooled vector (a global input, not per layer) sees the tokens without
 * offsets.
 *
 * <p>{@code prefix}, when given, are rows that come first in the UNet's batch (the unconditional half
 * under classifier-free guidance) and are passed through unchanged; the timesteps of those rows are
 * ignored. States are computed within the step (after {@link #tempAttach}), so nothing outlives it.
 */
public final class TokenConditioning implements Conditioning {
    private final MiniTextEncoder text;
    private final NDArray ids, placement, tokens;
    private final TokenMapper mapper;
    private final boolean mapperFrozen;
    private final Conditioning.Constant prefix;
    private NDArray pooled, states;
    /** With a mapper: every layer's states, encoded together for the timesteps in {@link #statesFor}. */
    private NDArray[] layerStates;

    private float[] statesFor;

    /**
     * @param ids       token ids [B, T] of the captions
     * @param placement [B, T, K]: one at (b, p, k) where row b's position p is learned token k
     * @param tokens    the learned embeddings [K, width]
     * @param mapper    per-(t, layer) offsets, or null
     * @param prefix    rows before these in the UNet's batch, or null
     */
    public TokenConditioning(
            MiniTextEncoder text,
            NDArray ids,
            NDArray placement,
            NDArray tokens,
            TokenMapper mapper,
            Conditioning.Constant prefix) {
        this(text, ids, placement, tokens, mapper, prefix, false);
    }

    /** @param mapperFrozen the mapper's offsets are used but pass no gradient back to the mapper */
    public TokenConditioning(
            MiniTextEncoder text,
            NDArray ids,
            NDArray placement,
            NDArray tokens,
            TokenMapper mapper,
            Conditioning.Constant prefix,
            boolean mapperFrozen) {
        this.mapperFrozen = mapperFrozen;
        this.text = text;
        this.ids = ids;
        this.placement = placement;
        this.tokens = tokens;
        this.mapper = mapper;
        this.prefix = prefix;
    }

    private int rows() {
        return (int) ids.getShape().get(0);
    }

    /** The tokens as one [K, width] block per row. */
    private NDArray perRow() {
        return tokens.expandDims(0).repeat(0, rows());
    }

    @Override
    public NDArray pooled() {
        if (pooled == null) encodeWithoutOffsets();
        return pooled;
    }

    @Override
    public NDArray context(int layer, float[] t) {
        if (mapper == null) {
            if (states == null) encodeWithoutOffsets();
            return states;
        }
        float[] own = Arrays.copyOfRange(t, t.length - rows(), t.length);
        if (layerStates == null || !Arrays.equals(own, statesFor)) encodeEveryLayer(own);
        return layerStates[layer];
    }

    /**
     * All layers' token + M(t, layer) through the text encoder in one batch: one pass instead of
     * one per cross-attention layer (16 at SD-1.x size, where the per-layer passes were most of a
     * personalisation step's operator launches), and one read of the lengths for the cap.
     */
    private void encodeEveryLayer(float[] own) {
        int layers = mapper.config().layers();
        NDArray[] rows = new NDArray[layers];
        NDArray perRow = perRow();
        for (int layer = 0; layer < layers; layer++) {
            NDArray offsets = mapper.offsets(tokens, own, layer);
            rows[layer] = perRow.add(mapperFrozen ? offsets.stopGradient() : offsets);
        }
        NDArray v = capped(NDArrays.concat(new NDList(rows), 0));
        NDArray all = text.forward(ids.tile(new long[] {layers, 1}), placement.tile(new long[] {layers, 1, 1}), v)
                .states();
        int b = rows();
        layerStates = new NDArray[layers];
        for (int layer = 0; layer < layers; layer++)
            layerStates[layer] = withPrefix(
                    all.get(new NDIndex(layer * b + ":" + (layer + 1) * b)), prefix == null ? null : prefix.states());
        statesFor = own;
    }

    private void encodeWithoutOffsets() {
        MiniTextEncoder.Encoded e = text.forward(ids, placement, capped(perRow()));
        pooled = withPrefix(e.pooled(), prefix == null ? null : prefix.pooled());
        states = withPrefix(e.states(), prefix == null ? null : prefix.states());
    }

    /**
     * Each vector shortened to the longest word's length where it is longer. Unbounded, training
     * let tokens grow to 2–4× and mapper offsets to 20–50× any word the encoder has seen; such an
     * input swamps the prompt's other words, and strong guidance turned it into noise.
     */
    private NDArray capped(NDArray v) {
        // the factors are constants of the step (no gradient through the length), computed here
        // in Java: a reduction inside the engine rounded differently from run to run
        Shape shape = v.getShape();
        int width = (int) shape.get(shape.dimension() - 1);
        double[] lengths = Nn.rowLengths(v.toFloatArray(), width);
        double longest = text.longestWordNorm();
        float[] factor = new float[lengths.length];
        for (int row = 0; row < factor.length; row++) factor[row] = (float) Math.min(1, longest / lengths[row]);
        long[] dims = shape.getShape().clone();
        dims[dims.length - 1] = 1;
        return v.mul(v.getManager().create(factor, new Shape(dims)));
    }

    private static NDArray withPrefix(NDArray own, NDArray first) {
        return first == null ? own : first.concat(own, 0);
    }

    /** Moves the inputs and both models' parameters into the step's scope; what the last step computed is dropped. */
    @Override
    public void tempAttach(NDManager scope) {
        text.params().attachTo(scope);
        if (mapper != null) mapper.params().attachTo(scope);
        ids.tempAttach(scope);
        placement.tempAttach(scope);
        tokens.tempAttach(scope);
        if (prefix != null) prefix.tempAttach(scope);
        pooled = null;
        states = null;
        layerStates = null;
        statesFor = null;
    }
}

package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lemon.util.Vectors;

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
 *
 * <p>{@link #isolated} keeps each person's tokens to that person's words in a scene: the text encoder
 * is causal, so a token would otherwise also change every word after it, the next person's words and
 * the scene's shared ones (read by every pixel) included, and regional attention could not keep it in
 * its column.
 */
public final class TokenConditioning implements Conditioning {
    private final MiniTextEncoder text;
    private final NDArray ids, placement, tokens;
    private final TokenMapper mapper;
    private final boolean mapperFrozen;
    private final Conditioning.Constant prefix;
    private final Isolation isolation;
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
        this(text, ids, placement, tokens, mapper, prefix, mapperFrozen, null);
    }

    private TokenConditioning(
            MiniTextEncoder text,
            NDArray ids,
            NDArray placement,
            NDArray tokens,
            TokenMapper mapper,
            Conditioning.Constant prefix,
            boolean mapperFrozen,
            Isolation isolation) {
        this.isolation = isolation;
        this.mapperFrozen = mapperFrozen;
        this.text = text;
        this.ids = ids;
        this.placement = placement;
        this.tokens = tokens;
        this.mapper = mapper;
        this.prefix = prefix;
    }

    /**
     * Per pass of the text encoder, which tokens keep their learned vectors ([B, K, 1], the others
     * read the stand-in) and which positions take that pass's states ([B, T, 1]): pass 0 is the
     * scene's (its words and the pooled vector), pass q + 1 person q's. A token of no person (a row
     * of fewer than two people, or a word the scene grammar leaves to the scene) keeps its vector in
     * every pass, so such a row encodes exactly as without isolation.
     */
    private record Isolation(NDArray standIns, NDArray[] keep, NDArray[] positions) {
        void attach(NDManager scope) {
            standIns.tempAttach(scope);
            for (NDArray a : keep) a.tempAttach(scope);
            for (NDArray a : positions) a.tempAttach(scope);
        }
    }

    /**
     * This conditioning with each token read only where its person's words are ({@code regions}, the
     * rows' spans without any prefix): person q's words are encoded with the other people's tokens
     * replaced by {@code standIn} (a word vector; {@link #standIn}), the scene's words and the pooled
     * vector with every person's replaced.
     */
    public TokenConditioning isolated(RegionMask regions, float[] standIn) {
        float[][] each = new float[(int) tokens.getShape().get(0)][];
        Arrays.fill(each, standIn);
        return isolated(regions, each);
    }

    /**
     * As {@link #isolated(RegionMask, float[])} with a stand-in per token ({@code standIns[j]} for
     * token j): its own word ({@link #nearestWords}), so that the scene's pass and the pooled vector
     * still hear who is a man, a woman or a girl when the token stands in the place of that word.
     */
    public TokenConditioning isolated(RegionMask regions, float[][] standIns) {
        int b = rows(),
                t = (int) ids.getShape().get(1),
                k = (int) tokens.getShape().get(0);
        int width = (int) tokens.getShape().get(1);
        if (regions.personOfToken().length != b)
            throw new IllegalArgumentException(regions.personOfToken().length + " region rows for " + b + " captions");
        if (standIns.length != k)
            throw new IllegalArgumentException(standIns.length + " stand-ins for " + k + " tokens");
        for (float[] standIn : standIns)
            if (standIn.length != width)
                throw new IllegalArgumentException(
                        "a stand-in of " + standIn.length + " numbers for tokens of " + width);
        float[] place = placement.toFloatArray();
        int[][] ownerOfToken = new int[b][k]; // −1: no person's
        boolean[] scene = new boolean[b]; // two or more people: the rows isolation applies to
        int passes = 1;
        for (int row = 0; row < b; row++) {
            int[] owner = regions.personOfToken()[row];
            int people = SceneSpans.people(owner);
            scene[row] = people >= 2;
            Arrays.fill(ownerOfToken[row], -1);
            for (int p = 0; p < t; p++)
                for (int j = 0; j < k; j++)
                    if (scene[row] && place[(row * t + p) * k + j] != 0 && owner[p] >= 0)
                        ownerOfToken[row][j] = owner[p];
            if (scene[row]) passes = Math.max(passes, people + 1);
        }
        NDManager m = ids.getManager();
        NDArray[] keep = new NDArray[passes], positions = new NDArray[passes];
        for (int pass = 0; pass < passes; pass++) {
            int person = pass - 1;
            float[] kp = new float[b * k], pos = new float[b * t];
            for (int row = 0; row < b; row++) {
                int[] owner = regions.personOfToken()[row];
                for (int j = 0; j < k; j++)
                    kp[row * k + j] = ownerOfToken[row][j] < 0 || ownerOfToken[row][j] == person ? 1f : 0f;
                // a row without isolation takes every position from the scene's pass, which then reads all its tokens
                for (int p = 0; p < t; p++) pos[row * t + p] = (scene[row] ? owner[p] : -1) == person ? 1f : 0f;
            }
            keep[pass] = m.create(kp, new Shape(b, k, 1));
            positions[pass] = m.create(pos, new Shape(b, t, 1));
        }
        float[] stand = new float[b * k * width];
        for (int i = 0; i < b * k; i++) System.arraycopy(standIns[i % k], 0, stand, i * width, width);
        return new TokenConditioning(
                text,
                ids,
                placement,
                tokens,
                mapper,
                prefix,
                mapperFrozen,
                new Isolation(m.create(stand, new Shape(b, k, width)), keep, positions));
    }

    /**
     * For each token the embedding of the person word nearest to it (cosine), "person" ({@link
     * #standIn}) among them, or "person" when none is near (below 0.5): a token held near its class
     * word finds that word, the one it stands in for in training.
     */
    public static float[][] nearestWords(MiniTextEncoder text, List<float[]> tokens) {
        float[] person = standIn(text);
        List<float[]> words = new ArrayList<>();
        words.add(person);
        for (String w : lemon.story.Personalization.Token.PERSON_WORDS) {
            if (text.tokenizer().id(w) != CaptionTokenizer.UNK_ID) words.add(text.embeddingOf(w)); // known words only
        }
        float[][] out = new float[tokens.size()][];
        for (int j = 0; j < out.length; j++) {
            double best = 0.5;
            out[j] = person;
            for (float[] w : words) {
                double c = Vectors.cosine(tokens.get(j), w);
                if (c > best) {
                    best = c;
                    out[j] = w;
                }
            }
        }
        return out;
    }

    /** What stands in for another person's token: "person", the mean of "man" and "woman". */
    public static float[] standIn(MiniTextEncoder text) {
        float[] man = text.embeddingOf("man"), woman = text.embeddingOf("woman"), out = new float[man.length];
        for (int i = 0; i < out.length; i++) out[i] = (man[i] + woman[i]) / 2;
        return out;
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
        NDArray all = encode(v, ids.tile(new long[] {layers, 1}), placement.tile(new long[] {layers, 1, 1}), layers)
                .states();
        int b = rows();
        layerStates = new NDArray[layers];
        for (int layer = 0; layer < layers; layer++)
            layerStates[layer] = withPrefix(
                    all.get(new NDIndex(layer * b + ":" + (layer + 1) * b)), prefix == null ? null : prefix.states());
        statesFor = own;
    }

    private void encodeWithoutOffsets() {
        MiniTextEncoder.Encoded e = encode(capped(perRow()), ids, placement, 1);
        pooled = withPrefix(e.pooled(), prefix == null ? null : prefix.pooled());
        states = withPrefix(e.states(), prefix == null ? null : prefix.states());
    }

    /** The text encoder's reading of {@code v} ([tiles·B, K, width]), isolated per person when asked. */
    private MiniTextEncoder.Encoded encode(NDArray v, NDArray ids, NDArray placement, int tiles) {
        if (isolation == null) return text.forward(ids, placement, v);
        NDArray stand = tiled(isolation.standIns(), tiles), states = null, pooled = null;
        for (int pass = 0; pass < isolation.keep().length; pass++) {
            NDArray keep = tiled(isolation.keep()[pass], tiles);
            MiniTextEncoder.Encoded e = text.forward(
                    ids, placement, v.mul(keep).add(stand.mul(keep.neg().add(1f))));
            NDArray part = e.states().mul(tiled(isolation.positions()[pass], tiles));
            states = states == null ? part : states.add(part);
            if (pass == 0) pooled = e.pooled();
        }
        return new MiniTextEncoder.Encoded(states, pooled);
    }

    private static NDArray tiled(NDArray a, int tiles) {
        return tiles == 1 ? a : a.tile(new long[] {tiles, 1, 1});
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
        if (isolation != null) isolation.attach(scope);
        if (prefix != null) prefix.tempAttach(scope);
        pooled = null;
        states = null;
        layerStates = null;
        statesFor = null;
    }
}

package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.List;

/**
 * CLIP-style text encoder: token + position embeddings, pre-norm causal self-attention blocks,
 * a final LayerNorm. Per-token states feed the UNet's cross-attention; the pooled vector is the
 * state at the end-of-text token (as in CLIP — the causal mask makes it the only state that has
 * seen the whole caption). Parameter names are those of HF CLIPTextModel's {@code text_model.}.
 *
 * <p>Tokens added after training (one per story character) get rows in a separate parameter,
 * {@value #EXTRA}, so they can be trained while everything else stays frozen
 * ({@link #freezeAllButAddedTokens()}).
 */
public final class MiniTextEncoder implements MiniModel {
    public static final String TOKEN_EMB = "embeddings.token_embedding.weight";
    public static final String POS_EMB = "embeddings.position_embedding.weight";
    public static final String EXTRA = "embeddings.added_token_embedding.weight";

    /** Per-token states [B, T, width] and pooled vectors [B, width]. */
    public record Encoded(NDArray states, NDArray pooled) {}

    private final TextEncoderConfig cfg;
    private final CaptionTokenizer tokenizer;
    private final Params params;

    public MiniTextEncoder(TextEncoderConfig cfg, CaptionTokenizer tokenizer, NDManager parent, long seed) {
        if (tokenizer.baseSize() != cfg.vocabSize()) {
            throw new IllegalArgumentException(
                    "tokenizer size " + tokenizer.baseSize() + " ≠ config vocab " + cfg.vocabSize());
        }
        this.cfg = cfg;
        this.tokenizer = tokenizer;
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        int w = cfg.width();
        params.normal(TOKEN_EMB, 0.02f, cfg.vocabSize(), w);
        params.normal(POS_EMB, 0.01f, cfg.maxTokens(), w);
        for (int l = 0; l < cfg.layers(); l++) {
            String p = "encoder.layers." + l + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj"))
                params.linear(p + "self_attn." + proj, w, w, true);
            params.norm(p + "layer_norm1", w);
            params.norm(p + "layer_norm2", w);
            params.linear(p + "mlp.fc1", w, cfg.mlpDim(), true);
            params.linear(p + "mlp.fc2", cfg.mlpDim(), w, true);
        }
        params.norm("final_layer_norm", w);
        if (!tokenizer.addedTokens().isEmpty()) growExtra();
    }

    @Override
    public String kind() {
        return "text-encoder";
    }

    @Override
    public TextEncoderConfig config() {
        return cfg;
    }

    @Override
    public Params params() {
        return params;
    }

    public CaptionTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Adds tokens (e.g. {@code <alice>}) to the tokenizer and gives each an embedding row,
     * initialised to the mean base embedding (a neutral starting point). Returns their ids.
     */
    public int[] addTokens(List<String> tokens) {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = tokenizer.addToken(tokens.get(i));
        growExtra();
        return ids;
    }

    private void growExtra() {
        int n = tokenizer.addedTokens().size();
        NDArray old = params.has(EXTRA) ? params.get(EXTRA) : null;
        long have = old == null ? 0 : old.getShape().get(0);
        if (have == n) return;
        NDArray mean = params.get(TOKEN_EMB).mean(new int[] {0}, true);
        NDArray rows = mean.repeat(0, n - have);
        NDArray extra = old == null ? rows : old.concat(rows, 0);
        params.put(EXTRA, extra.duplicate());
        mean.close();
        rows.close();
        if (extra != rows) extra.close();
    }

    /** Freezes everything except the added-token embeddings (personalisation). */
    public void freezeAllButAddedTokens() {
        if (!params.has(EXTRA)) throw new IllegalStateException("no added tokens to train");
        params.freezeAllExcept(EXTRA::equals);
    }

    /** The input embedding row of a known word (or added token); unknown words are refused. */
    public float[] embeddingOf(String word) {
        int id = tokenizer.id(word);
        if (id == CaptionTokenizer.UNK_ID && !CaptionTokenizer.UNK.equals(word))
            throw new IllegalArgumentException("the text encoder does not know the word '" + word + "'");
        try (NDArray row = id < cfg.vocabSize()
                ? params.get(TOKEN_EMB).get(id)
                : params.get(EXTRA).get(id - cfg.vocabSize())) {
            return row.toFloatArray();
        }
    }

    private volatile float longestWord;

    /**
     * The length of the longest base word embedding: what a learned input vector may not exceed
     * ({@link TokenConditioning}), since the encoder never saw a longer input.
     */
    public float longestWordNorm() {
        if (longestWord == 0) {
            double[] lengths = Nn.rowLengths(params.get(TOKEN_EMB).toFloatArray(), cfg.width());
            longestWord = (float) java.util.Arrays.stream(lengths).max().orElseThrow();
        }
        return longestWord;
    }

    /** Token ids [B, maxTokens] (int64) for captions. */
    public NDArray tokenIds(NDManager m, List<String> captions) {
        int t = cfg.maxTokens();
        long[] all = new long[captions.size() * t];
        for (int i = 0; i < captions.size(); i++)
            System.arraycopy(tokenizer.encode(captions.get(i), t), 0, all, i * t, t);
        return m.create(all, new Shape(captions.size(), t));
    }

    /** Encodes captions; call inside a scope to which this model's params are attached. */
    public Encoded encode(NDManager scope, List<String> captions) {
        return forward(tokenIds(scope, captions));
    }

    public Encoded forward(NDArray ids) {
        return forward(ids, null, null);
    }

    /**
     * As {@link #forward(NDArray)} with learned input embeddings (personalisation): where
     * {@code placement} [B, T, K] marks row b's position p as learned token k (one-hot; zero rows
     * elsewhere), the input embedding there is {@code vectors}[b, k] ([B, K, width]) instead of the
     * table's row. Other positions compute x·1 + 0, so a vector equal to a word's row encodes exactly
     * as that word does. Null placement: plain text.
     */
    public Encoded forward(NDArray ids, NDArray placement, NDArray vectors) {
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        int w = cfg.width();
        NDArray table = params.has(EXTRA) ? params.get(TOKEN_EMB).concat(params.get(EXTRA), 0) : params.get(TOKEN_EMB);
        NDArray x = ids.getNDArrayInternal()
                .embedding(ids, table, SparseFormat.DENSE)
                .singletonOrThrow();
        if (placement != null) {
            NDArray keep = placement.sum(new int[] {2}, true).neg().add(1f); // 0 at learned tokens, 1 elsewhere
            x = x.mul(keep).add(placement.matMul(vectors));
        }
        x = x.add(params.get(POS_EMB).get("0:" + t));
        // Causal mask: −inf above the diagonal, as in CLIP.
        float[] causal = new float[(int) (t * t)];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) causal[(int) (i * t + j)] = -1e9f;
        NDArray mask = ids.getManager().create(causal, new Shape(t, t));
        for (int l = 0; l < cfg.layers(); l++) {
            String p = "encoder.layers." + l + ".";
            NDArray h = Nn.layerNorm(x, params, p + "layer_norm1");
            NDArray q = Nn.linear(h, params, p + "self_attn.q_proj");
            NDArray k = Nn.linear(h, params, p + "self_attn.k_proj");
            NDArray v = Nn.linear(h, params, p + "self_attn.v_proj");
            x = x.add(Nn.linear(Nn.heads(q, k, v, cfg.heads(), mask), params, p + "self_attn.out_proj"));
            h = Nn.layerNorm(x, params, p + "layer_norm2");
            x = x.add(Nn.linear(Nn.quickGelu(Nn.linear(h, params, p + "mlp.fc1")), params, p + "mlp.fc2"));
        }
        NDArray states = Nn.layerNorm(x, params, "final_layer_norm");
        // Pool at the first eos token of each caption.
        long[] idArr = ids.toLongArray();
        float[] pick = new float[(int) (b * t)];
        for (int i = 0; i < b; i++) {
            int pos = (int) t - 1;
            for (int j = 0; j < t; j++)
                if (idArr[(int) (i * t + j)] == CaptionTokenizer.EOS_ID) {
                    pos = j;
                    break;
                }
            pick[(int) (i * t + pos)] = 1f;
        }
        NDArray sel = ids.getManager().create(pick, new Shape(b, t, 1));
        NDArray pooled = states.mul(sel).sum(new int[] {1});
        return new Encoded(states, pooled.reshape(b, w));
    }
}

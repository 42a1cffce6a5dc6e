package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Diffusion denoiser with SD-1.x's LDM UNet layout: residual blocks with a timestep embedding
 * (sinusoidal + MLP), spatial transformers (self-attention, cross-attention on text states,
 * GEGLU feed-forward) at the configured levels, stride-2 conv downsampling and nearest-neighbour
 * + conv upsampling, skip connections concatenated on the way up. Predicts ε.
 *
 * <p>Classifier-free guidance needs nothing special here: the unconditional branch is the same
 * call with the empty caption's text states (see {@link lemon.mini.pipelines.PortraitPipeline}).
 * Cross-attention reads its text states through {@link Conditioning}, so a caller can give each
 * cross-attention layer, at each timestep, its own states.
 */
public final class MiniUNet implements MiniModel {
    private final UNetConfig cfg;
    private final UNetLayout layout;
    private final Params params;

    public MiniUNet(UNetConfig cfg, NDManager parent, long seed) {
        this.cfg = cfg;
        this.layout = UNetLayout.of(cfg);
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        int mc = cfg.modelChannels(), ted = cfg.timeEmbedDim();
        params.linear("time_embed.0", mc, ted, true);
        params.linear("time_embed.2", ted, ted, true);
        if (cfg.addPooled()) {
            params.linear("add_embedding.linear_1", cfg.contextDim(), ted, true);
            params.linear("add_embedding.linear_2", ted, ted, true);
        }
        for (UNetLayout.Layer l : layout.all()) {
            switch (l.kind()) {
                case CONV_IN -> params.conv(l.name(), l.in(), l.out(), 3, false);
                case DOWN -> params.conv(l.name() + ".op", l.in(), l.out(), 3, false);
                case UP -> params.conv(l.name() + ".conv", l.in(), l.out(), 3, false);
                case RES -> createRes(l);
                case ATTN -> createAttn(l.name(), l.in());
            }
        }
        params.norm("out.0", layout.outChannels);
        params.conv("out.2", layout.outChannels, cfg.outChannels(), 3, true);
    }

    private void createRes(UNetLayout.Layer l) {
        String p = l.name() + ".";
        params.norm(p + "in_layers.0", l.in());
        params.conv(p + "in_layers.2", l.in(), l.out(), 3, false);
        params.linear(p + "emb_layers.1", cfg.timeEmbedDim(), l.out(), true);
        params.norm(p + "out_layers.0", l.out());
        params.conv(p + "out_layers.3", l.out(), l.out(), 3, true); // zero init: each block starts as identity
        if (l.in() != l.out()) params.conv(p + "skip_connection", l.in(), l.out(), 1, false);
    }

    private void createAttn(String name, int d) {
        String p = name + ".";
        String b = p + "transformer_blocks.0.";
        int ctx = cfg.contextDim(), inner = 4 * d;
        params.norm(p + "norm", d);
        params.conv(p + "proj_in", d, d, 1, false);
        for (String n : List.of("norm1", "norm2", "norm3")) params.norm(b + n, d);
        for (String a : List.of("attn1", "attn2")) {
            int kv = a.equals("attn1") ? d : ctx;
            params.linear(b + a + ".to_q", d, d, false);
            params.linear(b + a + ".to_k", kv, d, false);
            params.linear(b + a + ".to_v", kv, d, false);
            params.linear(b + a + ".to_out.0", d, d, true);
        }
        params.linear(b + "ff.net.0.proj", d, inner * 2, true);
        params.linear(b + "ff.net.2", inner, d, true);
        params.conv(p + "proj_out", d, d, 1, true);
    }

    @Override
    public String kind() {
        return "unet";
    }

    @Override
    public UNetConfig config() {
        return cfg;
    }

    @Override
    public Params params() {
        return params;
    }

    /** How many cross-attention layers {@link Conditioning#context} is asked for, per forward pass. */
    public int crossAttentionLayers() {
        return (int) layout.all().stream()
                .filter(l -> l.kind() == UNetLayout.Kind.ATTN)
                .count();
    }

    /** {@link #forward(NDArray, float[], NDArray, NDArray)} for configs without {@code addPooled}. */
    public NDArray forward(NDArray x, float[] t, NDArray context) {
        return forward(x, t, context, null);
    }

    /**
     * Predicts the noise in x [B, C, H, W] at timesteps t (one per sample) given text states
     * context [B, S, contextDim] and, when the config adds it, the pooled text vector [B, contextDim].
     * H and W must be divisible by 2^(levels−1).
     */
    public NDArray forward(NDArray x, float[] t, NDArray context, NDArray pooled) {
        return forward(x, t, Conditioning.constant(context, pooled));
    }

    /**
     * As above with the text states per cross-attention layer and timestep from {@code cond}
     * (layers numbered in the order they run: down, middle, up).
     */
    public NDArray forward(NDArray x, float[] t, Conditioning cond) {
        NDArray pooled = cond.pooled();
        int[] attn = {0};
        NDArray emb = timestepEmbedding(x.getManager(), t, cfg.modelChannels());
        emb = Nn.linear(Nn.silu(Nn.linear(emb, params, "time_embed.0")), params, "time_embed.2");
        if (cfg.addPooled()) {
            if (pooled == null)
                throw new IllegalArgumentException("this UNet config adds the pooled text vector: pass it");
            emb = emb.add(Nn.linear(
                    Nn.silu(Nn.linear(pooled, params, "add_embedding.linear_1")), params, "add_embedding.linear_2"));
        }
        Deque<NDArray> skips = new ArrayDeque<>();
        NDArray h = x;
        for (List<UNetLayout.Layer> blk : layout.input) {
            for (UNetLayout.Layer l : blk) h = apply(l, h, emb, cond, t, attn);
            skips.push(h);
        }
        for (UNetLayout.Layer l : layout.middle) h = apply(l, h, emb, cond, t, attn);
        for (List<UNetLayout.Layer> blk : layout.output) {
            h = h.concat(skips.pop(), 1);
            for (UNetLayout.Layer l : blk) h = apply(l, h, emb, cond, t, attn);
        }
        h = Nn.silu(Nn.groupNorm(h, params, "out.0", cfg.groups()));
        return Nn.conv(h, params, "out.2", 1);
    }

    private NDArray apply(UNetLayout.Layer l, NDArray h, NDArray emb, Conditioning cond, float[] t, int[] attn) {
        return switch (l.kind()) {
            case CONV_IN -> Nn.conv(h, params, l.name(), 1);
            case DOWN -> Nn.conv(h, params, l.name() + ".op", 2);
            case UP -> Nn.conv(Nn.upsample2x(h), params, l.name() + ".conv", 1);
            case RES -> res(l.name() + ".", h, emb, l.in() != l.out());
            case ATTN -> spatialTransformer(l.name() + ".", h, cond.context(attn[0]++, t), cond.regions());
        };
    }

    private NDArray res(String p, NDArray x, NDArray emb, boolean project) {
        NDArray h = Nn.conv(
                Nn.silu(Nn.groupNorm(x, params, p + "in_layers.0", cfg.groups())), params, p + "in_layers.2", 1);
        NDArray e = Nn.linear(Nn.silu(emb), params, p + "emb_layers.1");
        h = h.add(e.reshape(e.getShape().get(0), e.getShape().get(1), 1, 1));
        h = Nn.conv(Nn.silu(Nn.groupNorm(h, params, p + "out_layers.0", cfg.groups())), params, p + "out_layers.3", 1);
        return (project ? Nn.conv(x, params, p + "skip_connection", 1) : x).add(h);
    }

    private NDArray spatialTransformer(String p, NDArray x, NDArray context, RegionMask regions) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), hh = s.get(2), ww = s.get(3);
        NDArray h = Nn.conv(Nn.groupNorm(x, params, p + "norm", cfg.groups()), params, p + "proj_in", 1);
        h = h.reshape(b, c, hh * ww).transpose(0, 2, 1); // [B, HW, C] tokens
        String t = p + "transformer_blocks.0.";
        NDArray n1 = Nn.layerNorm(h, params, t + "norm1");
        h = h.add(Nn.attention(n1, n1, params, t + "attn1", cfg.heads(), null));
        NDArray mask = regions == null ? null : regions.scores(x.getManager(), (int) hh, (int) ww);
        h = h.add(Nn.attention(Nn.layerNorm(h, params, t + "norm2"), context, params, t + "attn2", cfg.heads(), mask));
        NDList gate = Nn.linear(Nn.layerNorm(h, params, t + "norm3"), params, t + "ff.net.0.proj")
                .split(2, 2);
        h = h.add(Nn.linear(gate.get(0).mul(Nn.gelu(gate.get(1))), params, t + "ff.net.2")); // GEGLU
        h = h.transpose(0, 2, 1).reshape(b, c, hh, ww);
        return x.add(Nn.conv(h, params, p + "proj_out", 1));
    }

    /** SD's sinusoidal embedding: [cos(t·f_i), sin(t·f_i)], f_i = 10000^(−i/half). */
    static NDArray timestepEmbedding(NDManager m, float[] t, int dim) {
        int half = dim / 2;
        float[] out = new float[t.length * dim];
        for (int b = 0; b < t.length; b++) {
            for (int i = 0; i < half; i++) {
                double a = t[b] * Math.exp(-Math.log(10000) * i / half);
                out[b * dim + i] = (float) Math.cos(a);
                out[b * dim + half + i] = (float) Math.sin(a);
            }
        }
        return m.create(out, new Shape(t.length, dim));
    }
}

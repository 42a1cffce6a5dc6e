package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/** Stateless building blocks over {@link Params}, named the way PyTorch/SD name them. */
public final class Nn {
    private Nn() {}

    static NDArray linear(NDArray x, Params p, String name) {
        NDArray w = p.get(name + ".weight");
        return p.has(name + ".bias")
                ? Linear.linear(x, w, p.get(name + ".bias")).singletonOrThrow()
                : Linear.linear(x, w).singletonOrThrow();
    }

    /** Same-padded conv (k odd), optional stride. */
    static NDArray conv(NDArray x, Params p, String name, int stride) {
        NDArray w = p.get(name + ".weight");
        long k = w.getShape().get(2);
        return Conv2d.conv2d(
                        x,
                        w,
                        p.get(name + ".bias"),
                        new Shape(stride, stride),
                        new Shape(k / 2, k / 2),
                        new Shape(1, 1),
                        1)
                .singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, Params p, String name) {
        long c = x.getShape().get(x.getShape().dimension() - 1);
        return LayerNorm.layerNorm(x, new Shape(c), p.get(name + ".weight"), p.get(name + ".bias"), 1e-5f)
                .singletonOrThrow();
    }

    /** GroupNorm over [B, C, H, W]: DJL has no GroupNorm, so normalise C/G·H·W slices by hand. */
    static NDArray groupNorm(NDArray x, Params p, String name, int groups) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1);
        NDArray g = x.reshape(b, groups, -1);
        NDArray mean = g.mean(new int[] {2}, true);
        NDArray centred = g.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray norm = centred.div(var.add(1e-5f).sqrt()).reshape(s);
        return norm.mul(p.get(name + ".weight").reshape(1, c, 1, 1))
                .add(p.get(name + ".bias").reshape(1, c, 1, 1));
    }

    /**
     * x·c. Not {@code x.mul(c)}: DJL wraps c in a tensor over a direct buffer and closes it right
     * after the op, while autograd keeps that tensor for the backward pass; once the garbage
     * collector frees the buffer, a gradient through the product reads freed memory (wrong or
     * non-finite gradients now and then, more often the more garbage a step makes). Here the scalar
     * lives in x's manager until its scope closes. The forward value is the same.
     */
    public static NDArray scale(NDArray x, float c) {
        return x.mul(x.getManager().create(c));
    }

    /** min(x, c), with c kept alive for the backward pass as in {@link #scale}. */
    public static NDArray atMost(NDArray x, float c) {
        return x.minimum(x.getManager().create(c));
    }

    static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** CLIP's quick GELU: x·σ(1.702x). */
    static NDArray quickGelu(NDArray x) {
        return x.mul(Activation.sigmoid(scale(x, 1.702f)));
    }

    static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** Nearest-neighbour 2× upsampling by repeating rows and columns (DJL's PyTorch engine lacks deconvolution). */
    static NDArray upsample2x(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /**
     * Multi-head attention of queries x [B, T, C] over keys/values ctx [B, S, Cc] with SD's
     * names {@code to_q, to_k, to_v, to_out.0}. mask (optional) is added to the scores.
     */
    static NDArray attention(NDArray x, NDArray ctx, Params p, String name, int heads, NDArray mask) {
        NDArray q = linear(x, p, name + ".to_q");
        NDArray k = linear(ctx, p, name + ".to_k");
        NDArray v = linear(ctx, p, name + ".to_v");
        NDArray o = heads(q, k, v, heads, mask);
        return linear(o, p, name + ".to_out.0");
    }

    /** Scaled dot-product attention over already projected q [B,T,C], k, v [B,S,C]. */
    static NDArray heads(NDArray q, NDArray k, NDArray v, int heads, NDArray mask) {
        long b = q.getShape().get(0),
                t = q.getShape().get(1),
                c = q.getShape().get(2),
                s = k.getShape().get(1);
        long d = c / heads;
        NDArray qh = q.reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(b, s, heads, d).transpose(0, 2, 3, 1);
        NDArray vh = v.reshape(b, s, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = scale(qh.matMul(kh), (float) (1 / Math.sqrt(d)));
        if (mask != null) scores = scores.add(mask);
        NDArray out = scores.softmax(-1).matMul(vh);
        return out.transpose(0, 2, 1, 3).reshape(b, t, c);
    }

    /** Mean squared error. */
    public static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /** Mean cross-entropy of logits [N, K] against integer labels [N] (int64). */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.mul(labels.oneHot((int) logits.getShape().get(1)).toType(logits.getDataType(), false));
        return picked.sum(new int[] {1}).mean().neg();
    }

    /** The Euclidean length of each row of {@code width} values in {@code x}, summed in double in Java. */
    public static double[] rowLengths(float[] x, int width) {
        double[] out = new double[x.length / width];
        for (int row = 0; row < out.length; row++) {
            double sum = 0;
            for (int i = 0; i < width; i++) sum += x[row * width + i] * (double) x[row * width + i];
            out[row] = Math.sqrt(sum);
        }
        return out;
    }
}

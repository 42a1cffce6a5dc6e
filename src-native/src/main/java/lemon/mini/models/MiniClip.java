package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIP-style dual encoder: conv image tower + {@link MiniTextEncoder} (pooled), each projected to
 * a shared space and L2-normalised; a learned temperature; symmetric InfoNCE. All similarities
 * are differentiable NDArrays, so personalisation can use them as loss terms.
 */
public final class MiniClip implements MiniModel {
    private final ClipConfig cfg;
    private final Params params;
    private final MiniTextEncoder text;

    public MiniClip(ClipConfig cfg, CaptionTokenizer tokenizer, NDManager parent, long seed) {
        this.cfg = cfg;
        this.text = new MiniTextEncoder(cfg.text(), tokenizer, parent, seed + 1);
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        ConvEncoder.create(params, "visual.", 3, cfg.imageWidths());
        int side = cfg.imageSize() >> cfg.imageWidths().size();
        params.linear(
                "visual_projection",
                (long) cfg.imageWidths().get(cfg.imageWidths().size() - 1) * side * side,
                cfg.embedDim(),
                false);
        params.linear("text_projection", cfg.text().width(), cfg.embedDim(), false);
        params.put("logit_scale", params.manager().create(new float[] {(float) Math.log(1 / 0.07)}));
    }

    @Override
    public String kind() {
        return "clip";
    }

    @Override
    public ClipConfig config() {
        return cfg;
    }

    /** The CLIP-specific parameters (the text tower's are in {@link #textEncoder()}). */
    @Override
    public Params params() {
        return params;
    }

    @Override
    public Map<String, Params> parts() {
        Map<String, Params> m = new LinkedHashMap<>();
        m.put("clip", params);
        m.put("text", text.params());
        return m;
    }

    public MiniTextEncoder textEncoder() {
        return text;
    }

    /** Attaches both towers' parameters to a scope. */
    public void attachTo(NDManager scope) {
        params.attachTo(scope);
        text.params().attachTo(scope);
    }

    /** Normalised image embeddings [B, embed] of images [B, 3, H, W]. */
    public NDArray embedImages(NDArray images) {
        NDArray f = Nn.linear(
                ConvEncoder.forward(params, "visual.", images, cfg.imageWidths()), params, "visual_projection");
        return normalise(f);
    }

    /** Normalised text embeddings [B, embed]. */
    public NDArray embedTexts(NDManager scope, List<String> captions) {
        return normalise(Nn.linear(text.encode(scope, captions).pooled(), params, "text_projection"));
    }

    /** Cosine similarities [Bi, Bt] between images and captions. */
    public NDArray imageTextSimilarity(NDManager scope, NDArray images, List<String> captions) {
        return embedImages(images).matMul(embedTexts(scope, captions).transpose());
    }

    /** Cosine similarities [Ba, Bb] between two image batches. */
    public NDArray imageImageSimilarity(NDArray a, NDArray b) {
        return embedImages(a).matMul(embedImages(b).transpose());
    }

    /** Symmetric InfoNCE over a batch of matching (image_i, caption_i) pairs. */
    public NDArray contrastiveLoss(NDManager scope, NDArray images, List<String> captions) {
        NDArray logits = imageTextSimilarity(scope, images, captions)
                .mul(Nn.atMost(params.get("logit_scale").exp(), 100f));
        long n = logits.getShape().get(0);
        NDArray labels = scope.arange(0, (int) n).toType(ai.djl.ndarray.types.DataType.INT64, false);
        return Nn.crossEntropy(logits, labels)
                .add(Nn.crossEntropy(logits.transpose(), labels))
                .div(scope.create(2f)); // a scalar kept in the scope: see Nn.scale
    }

    private static NDArray normalise(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-6f));
    }

    @Override
    public void close() {
        params.close();
        text.close();
    }
}

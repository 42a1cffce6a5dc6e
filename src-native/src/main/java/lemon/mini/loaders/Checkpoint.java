package lemon.mini.loaders;

import ai.djl.ndarray.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniModel;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.Params;

/**
 * Saves a model as one safetensors file per parameter group (+ tokenizer.json for text towers)
 * and a {@link ModelManifest}; loading verifies every file's sha256 first and names the file
 * that does not match.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static ModelManifest save(
            Path dir, String name, MiniModel model, long steps, long dataSeed, Map<String, Double> metrics)
            throws IOException {
        Encoded enc = encode(name, model, steps, dataSeed, metrics);
        Files.createDirectories(dir);
        for (var f : enc.files().entrySet()) Files.write(dir.resolve(f.getKey()), f.getValue()); // manifest last
        return enc.manifest();
    }

    /** A checkpoint in memory: its manifest and every file by name, manifest.json last. */
    public record Encoded(ModelManifest manifest, Map<String, byte[]> files) {}

    /**
     * The checkpoint's files as bytes (what {@link #save} writes, byte for byte), for a caller that
     * keeps them elsewhere, e.g. in a BlobStore; {@link #load(Map, MiniModel)} reads them back.
     */
    public static Encoded encode(String name, MiniModel model, long steps, long dataSeed, Map<String, Double> metrics)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> sums = new TreeMap<>();
        for (var part : model.parts().entrySet()) {
            String file = part.getKey() + ".safetensors";
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            for (var e : part.getValue().all().entrySet()) {
                NDArray v = e.getValue();
                tensors.put(e.getKey(), new Safetensors.Tensor(v.getShape().getShape(), v.toFloatArray()));
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Safetensors.write(buf, tensors, "F32", Map.of("model", name, "kind", model.kind()));
            files.put(file, buf.toByteArray());
        }
        CaptionTokenizer tok = tokenizerOf(model);
        if (tok != null) files.put("tokenizer.json", tok.toBytes());
        for (var f : files.entrySet()) sums.put(f.getKey(), sha256(f.getValue()));
        long count = model.parts().values().stream().mapToLong(Params::count).sum();
        ModelManifest m = new ModelManifest(
                name,
                model.kind(),
                ModelManifest.JSON.valueToTree(model.config()),
                count,
                steps,
                dataSeed,
                new TreeMap<>(metrics),
                sums);
        files.put(ModelManifest.FILE, m.toBytes());
        return new Encoded(m, files);
    }

    /** Verifies checksums, then loads weights into a model built with the manifest's config. */
    public static ModelManifest load(Path dir, MiniModel model) throws IOException {
        ModelManifest m = verify(dir);
        return load(m, dir.toString(), model, file -> Safetensors.open(dir.resolve(file)));
    }

    /** As {@link #load(Path, MiniModel)} from a checkpoint's files held as bytes (see {@link #encode}). */
    public static ModelManifest load(Map<String, byte[]> files, MiniModel model) throws IOException {
        ModelManifest m = verify(files);
        return load(m, "checkpoint", model, file -> Safetensors.open(files.get(file), file));
    }

    private interface Opener {
        Safetensors open(String file) throws IOException;
    }

    private static ModelManifest load(ModelManifest m, String where, MiniModel model, Opener opener)
            throws IOException {
        if (!m.kind().equals(model.kind()))
            throw new IOException(where + ": checkpoint is a " + m.kind() + ", model is a " + model.kind());
        for (var part : model.parts().entrySet()) {
            String file = part.getKey() + ".safetensors";
            if (!m.sha256().containsKey(file)) throw new IOException(where + ": manifest lists no " + file);
            Params params = part.getValue();
            Set<String> seen = new HashSet<>();
            try (Safetensors st = opener.open(file)) {
                for (String n : st.entries().keySet()) {
                    if (!params.has(n))
                        throw new IOException(
                                where + "/" + file + ": tensor " + n + " is not a parameter of this " + model.kind());
                    Safetensors.Tensor t = st.read(n);
                    params.load(n, t.shape(), t.data());
                    seen.add(n);
                }
            }
            for (String n : params.all().keySet())
                if (!seen.contains(n)) throw new IOException(where + "/" + file + ": missing parameter " + n);
        }
        return m;
    }

    /** Reads manifest.json from the files and checks every listed file's sha256; the exception names the bad file. */
    public static ModelManifest verify(Map<String, byte[]> files) throws IOException {
        byte[] manifest = files.get(ModelManifest.FILE);
        if (manifest == null) throw new IOException("checkpoint has no " + ModelManifest.FILE);
        ModelManifest m = ModelManifest.fromBytes(manifest);
        for (var e : m.sha256().entrySet()) {
            byte[] f = files.get(e.getKey());
            if (f == null) throw new IOException("checkpoint file missing: " + e.getKey());
            String actual = sha256(f);
            if (!actual.equals(e.getValue())) {
                throw new IOException(
                        "checksum mismatch for " + e.getKey() + ": manifest " + e.getValue() + ", file " + actual);
            }
        }
        return m;
    }

    /** Reads the manifest and checks every listed file's sha256; the exception names the bad file. */
    public static ModelManifest verify(Path dir) throws IOException {
        ModelManifest m = ModelManifest.read(dir);
        for (var e : m.sha256().entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.exists(f)) throw new IOException("checkpoint file missing: " + f);
            String actual = sha256(f);
            if (!actual.equals(e.getValue())) {
                throw new IOException("checksum mismatch for " + f + ": manifest " + e.getValue() + ", file " + actual);
            }
        }
        return m;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) d.update(buf, 0, r);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CaptionTokenizer tokenizerOf(MiniModel model) {
        if (model instanceof MiniTextEncoder t) return t.tokenizer();
        if (model instanceof MiniClip c) return c.textEncoder().tokenizer();
        return null;
    }
}

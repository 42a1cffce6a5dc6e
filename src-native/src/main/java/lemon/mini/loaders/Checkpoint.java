package lemon.mini.loaders;

import ai.djl.ndarray.NDArray;
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

    public static ModelManifest save(Path dir, String name, MiniModel model, long steps, long dataSeed,
                                     Map<String, Double> metrics) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> sums = new TreeMap<>();
        for (var part : model.parts().entrySet()) {
            String file = part.getKey() + ".safetensors";
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            for (var e : part.getValue().all().entrySet()) {
                NDArray v = e.getValue();
                tensors.put(e.getKey(), new Safetensors.Tensor(v.getShape().getShape(), v.toFloatArray()));
            }
            Safetensors.write(dir.resolve(file), tensors, "F32", Map.of("model", name, "kind", model.kind()));
            sums.put(file, sha256(dir.resolve(file)));
        }
        CaptionTokenizer tok = tokenizerOf(model);
        if (tok != null) {
            tok.save(dir.resolve("tokenizer.json"));
            sums.put("tokenizer.json", sha256(dir.resolve("tokenizer.json")));
        }
        long count = model.parts().values().stream().mapToLong(Params::count).sum();
        ModelManifest m = new ModelManifest(name, model.kind(), ModelManifest.JSON.valueToTree(model.config()), count,
            steps, dataSeed, new TreeMap<>(metrics), sums);
        m.write(dir);
        return m;
    }

    /** Verifies checksums, then loads weights into a model built with the manifest's config. */
    public static ModelManifest load(Path dir, MiniModel model) throws IOException {
        ModelManifest m = verify(dir);
        if (!m.kind().equals(model.kind())) throw new IOException(dir + ": checkpoint is a " + m.kind() + ", model is a " + model.kind());
        for (var part : model.parts().entrySet()) {
            Path file = dir.resolve(part.getKey() + ".safetensors");
            if (!m.sha256().containsKey(file.getFileName().toString())) throw new IOException(dir + ": manifest lists no " + file.getFileName());
            Params params = part.getValue();
            Set<String> seen = new HashSet<>();
            try (Safetensors st = Safetensors.open(file)) {
                for (String n : st.entries().keySet()) {
                    if (!params.has(n)) throw new IOException(file + ": tensor " + n + " is not a parameter of this " + model.kind());
                    Safetensors.Tensor t = st.read(n);
                    params.load(n, t.shape(), t.data());
                    seen.add(n);
                }
            }
            for (String n : params.all().keySet()) if (!seen.contains(n)) throw new IOException(file + ": missing parameter " + n);
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

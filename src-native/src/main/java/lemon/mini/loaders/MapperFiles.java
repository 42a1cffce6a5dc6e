package lemon.mini.loaders;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import lemon.mini.models.TokenMapper;

/** A {@link TokenMapper} as safetensors bytes (the blob a run stores), its config in the metadata. */
public final class MapperFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapperFiles() {}

    /** The same weights give the same bytes, so a mapper can be named by its content. */
    public static byte[] toBytes(TokenMapper mapper) {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (String l : TokenMapper.LAYERS) {
            for (String part : new String[] {".weight", ".bias"}) {
                NDArray a = mapper.params().get(l + part);
                tensors.put(l + part, new Safetensors.Tensor(a.getShape().getShape(), a.toFloatArray()));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Safetensors.write(
                    out,
                    tensors,
                    "F32",
                    new TreeMap<>(Map.of("kind", "token-mapper", "config", JSON.writeValueAsString(mapper.config()))));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what {@link #toBytes} wrote. */
    public static TokenMapper fromBytes(byte[] bytes, NDManager parent) throws IOException {
        try (Safetensors st = Safetensors.open(bytes, "token mapper")) {
            if (!"token-mapper".equals(st.metadata().get("kind"))) throw new IOException("not a token mapper");
            TokenMapper m =
                    new TokenMapper(JSON.readValue(st.metadata().get("config"), TokenMapper.Config.class), parent, 0);
            for (String name : st.entries().keySet()) {
                Safetensors.Tensor t = st.read(name);
                m.params().load(name, t.shape(), t.data());
            }
            return m;
        }
    }
}

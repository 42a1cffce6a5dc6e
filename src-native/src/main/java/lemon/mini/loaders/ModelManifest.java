package lemon.mini.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a checkpoint directory holds: model name and kind, its size config, parameter count,
 * training steps, the data seed it was trained on, metrics, and the sha256 of every file.
 */
public record ModelManifest(
        String name,
        String kind,
        JsonNode config,
        long parameters,
        long steps,
        long dataSeed,
        Map<String, Double> metrics,
        Map<String, String> sha256) {
    public static final String FILE = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** manifest.json's bytes (what {@link #write} writes). */
    public byte[] toBytes() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    public static ModelManifest fromBytes(byte[] json) throws IOException {
        return JSON.readValue(json, ModelManifest.class);
    }

    public static ModelManifest read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), ModelManifest.class);
    }

    /** The config deserialised as the given record type. */
    public <T> T config(Class<T> type) throws IOException {
        return JSON.treeToValue(config, type);
    }
}

package lemon.mini.loaders;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the committed lemon-mini weights live: {@code src/main/resources/lemon/mini/<model>/},
 * on the classpath as {@code /lemon/mini/<model>/}. From a jar the files are copied out first
 * ({@link BundledCopy}, once per content), because checkpoints are read as files.
 */
public final class MiniWeights {
    public static final String VALIDATOR = "validator", CLIP = "clip";
    /** Source folder the trainers write to when run from the repository root. */
    public static final Path SOURCE_DIR = Path.of("src-native", "src", "main", "resources", "lemon", "mini");

    private static final List<String> FILES =
            List.of("manifest.json", "weights.safetensors", "clip.safetensors", "text.safetensors", "tokenizer.json");

    private MiniWeights() {}

    public static Path validatorDir() throws IOException {
        return dir(VALIDATOR);
    }

    public static Path clipDir() throws IOException {
        return dir(CLIP);
    }

    static Path dir(String model) throws IOException {
        URL url = MiniWeights.class.getResource("/lemon/mini/" + model + "/manifest.json");
        if (url == null) throw new IOException("no bundled lemon-mini " + model + " weights on the classpath");
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return BundledCopy.of(
                "mini-" + model, BundledCopy.readPresent(MiniWeights.class, "/lemon/mini/" + model, FILES));
    }
}

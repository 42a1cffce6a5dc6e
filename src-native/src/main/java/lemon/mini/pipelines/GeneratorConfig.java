package lemon.mini.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a generator directory was trained for, as {@value #FILE} beside its weights. Weights
 * without the file (the committed ones before the scene retraining) are portrait-only and read
 * descriptions as they always did, so what they paint does not change.
 *
 * @param sceneWidth          base width of the scene canvas the UNet also learned (0: no scenes)
 * @param sceneHeight         base height of that canvas (the upsampler doubles both)
 * @param compactDescriptions descriptions are read through {@link DescriptionWords#compact}, as the
 *                            trainer fed its description-register captions
 * @param regionalAttention   the UNet learned scenes with regional cross-attention ({@link
 *                            lemon.mini.models.RegionMask}), so it paints them with it (absent: false)
 */
public record GeneratorConfig(int sceneWidth, int sceneHeight, boolean compactDescriptions, boolean regionalAttention) {
    public GeneratorConfig(int sceneWidth, int sceneHeight, boolean compactDescriptions) {
        this(sceneWidth, sceneHeight, compactDescriptions, false);
    }

    public static final String FILE = "generator_config.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The behaviour of weights that carry no config. */
    public static final GeneratorConfig PORTRAITS_ONLY = new GeneratorConfig(0, 0, false);

    public boolean knowsScenes() {
        return sceneWidth > 0 && sceneHeight > 0;
    }

    public void writeTo(Path modelDir) throws IOException {
        Files.createDirectories(modelDir);
        JSON.writeValue(modelDir.resolve(FILE).toFile(), this);
    }

    public static GeneratorConfig readFrom(Path modelDir) throws IOException {
        Path f = modelDir.resolve(FILE);
        return Files.exists(f) ? JSON.readValue(f.toFile(), GeneratorConfig.class) : PORTRAITS_ONLY;
    }
}

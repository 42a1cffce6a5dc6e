package lemon.lambda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged Lambda artefact (run by failsafe after the build made it): within Lambda's 50 MB
 * direct-upload limit, and free of tensor engines, which belong to the container image.
 */
class FunctionZipIT {
    static final long LIMIT = 50L * 1024 * 1024;

    @Test
    void theZipIsSmallAndCarriesNoEngine() throws Exception {
        Path zip = Path.of("target/function.zip");
        assertTrue(Files.isRegularFile(zip), "the build made no " + zip.toAbsolutePath());
        long size = Files.size(zip);
        System.out.printf("Lambda artefact %s: %.1f MB zipped (limit 50 MB)%n", zip, size / 1048576.0);
        assertTrue(size <= LIMIT, "function.zip is " + size + " bytes, over " + LIMIT);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> engines = z.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.contains("pytorch")
                            || n.contains("onnxruntime")
                            || n.contains("ai.djl")
                            || n.contains("src-native")
                            || n.contains("llama"))
                    .toList();
            assertTrue(engines.isEmpty(), "engine jars in the Lambda zip: " + engines);
        }
    }
}

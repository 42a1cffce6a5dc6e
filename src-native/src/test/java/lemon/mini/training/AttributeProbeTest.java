package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed evaluation probe reads renders it never saw, and a probe survives its file. */
class AttributeProbeTest {
    @Test
    void theCommittedEvaluationProbeReadsFreshValidationRenders() throws Exception {
        try (var in = AttributeProbe.class.getResourceAsStream(AttributeProbe.EVALUATION_RESOURCE)) {
            assertTrue(in != null, "committed at " + AttributeProbe.EVALUATION_RESOURCE);
        }
        double[] acc = AttributeProbe.forEvaluation().accuracyOnRenders(CommittedWeightsTest.FRESH_SEED, 200);
        // measured when it was written (train-mini probe, 300 renders): gender 90%, hair 87%, clothing 100%
        assertTrue(acc[AttributeProbe.Head.GENDER.ordinal()] >= 0.8, "gender " + acc[0]);
        assertTrue(acc[AttributeProbe.Head.HAIR.ordinal()] >= 0.75, "hair " + acc[1]);
        assertTrue(acc[AttributeProbe.Head.CLOTHING.ordinal()] >= 0.9, "clothing " + acc[2]);
    }

    @Test
    void aWrittenProbeReadsBackToTheSamePredictions(@TempDir Path tmp) throws Exception {
        AttributeProbe trained = AttributeProbe.train(7, 200, 1);
        Path file = tmp.resolve("probe.safetensors");
        trained.write(file, Map.of("data_seed", "7"));
        AttributeProbe read = AttributeProbe.read(Files.readAllBytes(file), file.toString());
        for (int index : PortraitData.validationIndices(20)) {
            BufferedImage img =
                    PortraitData.portrait(11, index, PortraitData.LARGE).image();
            for (AttributeProbe.Head h : AttributeProbe.Head.TEMPLATE)
                assertEquals(trained.predict(h, img), read.predict(h, img));
        }
        assertTrue(!read.has(AttributeProbe.Head.AGE), "only the trained heads are written");
    }

    @Test
    void aProbeOfOtherFeaturesIsRefusedWithTheCommandToRetrain(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("old.safetensors");
        lemon.mini.loaders.Safetensors.write(
                file,
                Map.of("gender", new lemon.mini.loaders.Safetensors.Tensor(new long[] {2, 3}, new float[6])),
                "F32",
                Map.of("features", "3"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> AttributeProbe.read(Files.readAllBytes(file), "old.safetensors"));
        assertTrue(e.getMessage().contains("lemon train-mini probe"), e.getMessage());
    }

    @Test
    void metadataIsWrittenInKeyOrderSoTheSameWeightsGiveTheSameBytes(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("m.safetensors");
        lemon.mini.loaders.Safetensors.write(
                file,
                Map.of("w", new lemon.mini.loaders.Safetensors.Tensor(new long[] {1}, new float[] {1f})),
                "F32",
                Map.of("model", "x", "kind", "y", "a", "z"));
        String header = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(
                header.indexOf("\"a\"") < header.indexOf("\"kind\"")
                        && header.indexOf("\"kind\"") < header.indexOf("\"model\""),
                header);
    }
}

package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lemon.mini.models.Upsampler2x;
import lemon.mini.training.PortraitData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the committed weights. */
class PortraitPipelineTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    static PortraitPipeline gen;
    static final PortraitPipeline.Sampling FEW_STEPS =
            PortraitPipeline.Sampling.DEFAULT.withSteps(10).withGuidance(3f);

    @BeforeAll
    static void load() throws IOException {
        gen = PortraitPipeline.loadDefault(); // verifies every file's sha256
    }

    @AfterAll
    static void close() {
        gen.close();
    }

    @Test
    void deterministic64PixelPortraitsThatFollowTheDescription() {
        String a = "a young woman with long red hair, wearing a blue dress";
        String b = "an old man with a white beard, dressed in a yellow robe";
        List<BufferedImage> x = gen.generate(a, 2, 5, FEW_STEPS);
        List<BufferedImage> y = gen.generate(a, 2, 5, FEW_STEPS);
        List<BufferedImage> z = gen.generate(b, 2, 5, FEW_STEPS);
        assertEquals(2, x.size());
        assertEquals(64, x.get(0).getWidth());
        assertEquals(64, x.get(0).getHeight());
        assertEquals(0, meanAbsDiff(x.get(0), y.get(0)), "same seed, same pixels");
        assertTrue(meanAbsDiff(x.get(0), x.get(1)) > 2, "two samples of one call differ");
        // few steps and weak guidance: asks for a visible difference, not a large one
        assertTrue(
                meanAbsDiff(x.get(0), z.get(0)) > 1,
                "another description, another image: " + meanAbsDiff(x.get(0), z.get(0)));
    }

    @Test
    void guidanceRescaleTamesTheSaturationOfStrongGuidance() {
        String d = "a man in his forties with short brown hair and a brown tunic";
        PortraitPipeline.Sampling strong = new PortraitPipeline.Sampling(10, 12f, 0f);
        double plain = meanSaturation(gen.generate(d, 4, 3, strong));
        double rescaled = meanSaturation(gen.generate(d, 4, 3, new PortraitPipeline.Sampling(10, 12f, 0.7f)));
        assertTrue(rescaled < plain, "rescaled " + rescaled + " vs plain " + plain);
    }

    @Test
    void badSamplingSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PortraitPipeline.Sampling(0, 7.5f, 0.7f));
        assertThrows(IllegalArgumentException.class, () -> new PortraitPipeline.Sampling(20, Float.NaN, 0.7f));
        assertThrows(IllegalArgumentException.class, () -> new PortraitPipeline.Sampling(20, 7.5f, 1.5f));
    }

    /** Mean over pixels of max(r, g, b) − min(r, g, b). */
    private static double meanSaturation(List<BufferedImage> images) {
        double sum = 0;
        int n = 0;
        for (BufferedImage img : images) {
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++, n++) {
                    int p = img.getRGB(x, y), r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
                    sum += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
                }
            }
        }
        return sum / n;
    }

    @Test
    void freeTextColourWordsAreMappedOntoTheCaptionVocabularyAndUnknownWordsLeftOut() {
        // the committed weights read compacted descriptions: words the encoder does not know are left out
        assertEquals(
                "a young woman with long red hair , wearing a blue dress",
                gen.normalise("A young woman with long braided auburn hair, wearing a plain navy linen dress"));
        assertEquals(
                "a man , red hair , wearing a blue tunic",
                gen.normalise("a weathered man, tousled greying copper hair, wearing a royal blue tunic"),
                "a hair phrase reads as the one colour it states: greying copper is red");
        assertEquals(
                "<c1> talks with <c2> , in a blue robe",
                gen.normalise("<c1> talks with <c2>, in a navy cloak"),
                "placeholders of learned tokens are kept as they are");
    }

    @Test
    void learnedUpsamplerBeatsNearestNeighbourOnHeldOutRenders() throws IOException {
        try (var m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
                Upsampler2x up = new Upsampler2x(Upsampler2x.Config.standard(), m, 0)) {
            Path dir = Path.of(getClass()
                            .getResource(PortraitPipeline.RESOURCE + "/upsampler/manifest.json")
                            .getPath())
                    .getParent();
            lemon.mini.loaders.Checkpoint.load(dir, up);
            double[] l1 = lemon.mini.training.UpsamplerTrainer.heldOutL1(up, m, 7, PortraitData.SMALL, 16);
            assertTrue(l1[0] < 0.9 * l1[1], "learned " + l1[0] + " vs nearest " + l1[1]);
        }
    }

    @Test
    void tamperedWeightsAreRefused(@TempDir Path tmp) throws IOException {
        Path src = Path.of(getClass()
                        .getResource(PortraitPipeline.RESOURCE + "/unet/manifest.json")
                        .getPath())
                .getParent()
                .getParent();
        for (String part : List.of("text", "unet", "upsampler")) {
            Files.createDirectories(tmp.resolve(part));
            try (var files = Files.list(src.resolve(part))) {
                for (Path f : (Iterable<Path>) files::iterator)
                    Files.copy(f, tmp.resolve(part).resolve(f.getFileName()));
            }
        }
        Path w = tmp.resolve("unet").resolve("weights.safetensors");
        byte[] bytes = Files.readAllBytes(w);
        bytes[bytes.length - 1] ^= 1;
        Files.write(w, bytes);
        IOException e = assertThrows(IOException.class, () -> PortraitPipeline.load(tmp));
        assertTrue(e.getMessage().contains("weights.safetensors"), e.getMessage());
    }

    @Test
    void withoutAGeneratorConfigScenesAreTwiceAsWideAsPortraits(@TempDir Path tmp) throws IOException {
        assertTrue(gen.generatorConfig().knowsScenes(), "the committed weights were trained on scenes");
        assertEquals(new PortraitPipeline.CanvasSize(64, 32), gen.sceneCanvas());
        copyCommitted(tmp); // without generator_config.json
        try (PortraitPipeline bare = PortraitPipeline.load(tmp)) {
            assertFalse(bare.generatorConfig().knowsScenes());
            assertEquals(new PortraitPipeline.CanvasSize(32, 32), bare.portraitCanvas());
            assertEquals(new PortraitPipeline.CanvasSize(64, 32), bare.sceneCanvas());
        }
    }

    @Test
    void aSceneCanvasPaintsWideImagesThatTheirSeedsReproduce() {
        String d = "a young woman in a blue dress talks with an old man with a white beard";
        List<BufferedImage> x = gen.generateEach(gen.sceneCanvas(), List.of(d, d), List.of(1L, 2L), FEW_STEPS);
        List<BufferedImage> y = gen.generateEach(gen.sceneCanvas(), List.of(d, d), List.of(1L, 2L), FEW_STEPS);
        assertEquals(128, x.get(0).getWidth());
        assertEquals(64, x.get(0).getHeight());
        assertEquals(0, meanAbsDiff(x.get(0), y.get(0)), "same seed, same pixels");
        assertEquals(0, meanAbsDiff(x.get(1), y.get(1)), "same seed, same pixels");
        assertTrue(meanAbsDiff(x.get(0), x.get(1)) > 2, "another seed, another scene");
        assertThrows(
                IllegalArgumentException.class,
                () -> gen.generateEach(new PortraitPipeline.CanvasSize(30, 32), List.of(d), List.of(1L), FEW_STEPS),
                "30 pixels do not halve twice");
    }

    @Test
    void theGeneratorConfigSetsTheSceneCanvas(@TempDir Path tmp) throws IOException {
        copyCommitted(tmp);
        new GeneratorConfig(96, 32, false).writeTo(tmp);
        try (PortraitPipeline wide = PortraitPipeline.load(tmp)) {
            assertEquals(new PortraitPipeline.CanvasSize(96, 32), wide.sceneCanvas());
            BufferedImage scene = wide.generateEach(
                            wide.sceneCanvas(), List.of("a man stands alone"), List.of(3L), FEW_STEPS.withSteps(2))
                    .get(0);
            assertEquals(192, scene.getWidth());
            assertEquals(64, scene.getHeight());
        }
    }

    /** Convolutions see only a few pixels around each one: two portraits side by side upsample as each alone. */
    @Test
    void theUpsamplerDoublesAWideImageAsItDoublesItsHalves() throws IOException {
        BufferedImage
                left = PortraitData.half(PortraitData.portrait(4242, 3, 64).image()),
                right = PortraitData.half(PortraitData.portrait(4242, 5, 64).image());
        BufferedImage wide = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        wide.setRGB(0, 0, 32, 32, left.getRGB(0, 0, 32, 32, null, 0, 32), 0, 32);
        wide.setRGB(32, 0, 32, 32, right.getRGB(0, 0, 32, 32, null, 0, 32), 0, 32);
        Path dir = PortraitPipeline.committedDir().resolve("upsampler");
        try (var m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
                Upsampler2x up = new Upsampler2x(Upsampler2x.Config.standard(), m, 0)) {
            lemon.mini.loaders.Checkpoint.load(dir, up);
            BufferedImage big = up.upsample(m, List.of(wide)).get(0),
                    alone = up.upsample(m, List.of(left)).get(0);
            assertEquals(128, big.getWidth());
            assertEquals(64, big.getHeight());
            int worst = 0;
            for (int y = 0; y < 64; y++) // 5 convolutions of 3×3 reach 5 pixels, 10 after doubling
            for (int x = 0; x < 64 - 12; x++)
                    for (int s = 0; s <= 16; s += 8)
                        worst = Math.max(
                                worst, Math.abs(((big.getRGB(x, y) >> s) & 255) - ((alone.getRGB(x, y) >> s) & 255)));
            assertTrue(worst <= 1, "away from the seam the left half is the left portrait upsampled: " + worst);
        }
    }

    private void copyCommitted(Path tmp) throws IOException {
        Path src = PortraitPipeline.committedDir();
        for (String part : List.of("text", "unet", "upsampler", "scheduler")) {
            if (!Files.isDirectory(src.resolve(part))) continue;
            Files.createDirectories(tmp.resolve(part));
            try (var files = Files.list(src.resolve(part))) {
                for (Path f : (Iterable<Path>) files::iterator)
                    Files.copy(f, tmp.resolve(part).resolve(f.getFileName()));
            }
        }
    }

    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}

package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import lemon.mini.loaders.MapperFiles;
import lemon.mini.models.TokenMapper;
import lemon.port.ImageGenerator.LearnedToken;
import lemon.port.ImageGenerator.Request;
import org.junit.jupiter.api.Test;

/** Scene requests through the port: the committed weights, few steps (what is painted is not judged here). */
class MiniImageGeneratorScenesTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    static final MiniImageGenerator PAINTER = new MiniImageGenerator(PortraitPipeline.Sampling.DEFAULT.withSteps(4));
    static final String SCENE = "a young woman in a blue dress talks with an old man with a white beard";

    @Test
    void aSceneRequestPaintsA128By64PngThatItsSeedReproduces() throws Exception {
        List<Request> requests = List.of(Request.scene(SCENE, 5, Map.of()), Request.scene(SCENE, 6, Map.of()));
        List<byte[]> first = PAINTER.generate(requests), again = PAINTER.generate(requests);
        BufferedImage a = image(first.get(0)), b = image(first.get(1));
        assertEquals(128, a.getWidth());
        assertEquals(64, a.getHeight());
        assertArrayEquals(first.get(0), again.get(0), "same seed, same bytes");
        assertArrayEquals(first.get(1), again.get(1), "same seed, same bytes");
        assertTrue(
                MiniImageGeneratorTest.meanChannelDiff(a, b) > 2,
                "another seed, another scene: " + MiniImageGeneratorTest.meanChannelDiff(a, b));
        assertTrue(PAINTER.name().contains("32×32 portraits, 64×32 scenes"), PAINTER.name());
    }

    @Test
    void portraitsAndScenesInOneCallAreBatchedByCanvasAndAnsweredInRequestOrder() throws Exception {
        Request p1 = new Request("a young woman with long red hair, wearing a blue dress", 11),
                s1 = Request.scene(SCENE, 5, Map.of()),
                p2 = new Request("an old man with a white beard, dressed in a green robe", 12),
                s2 = Request.scene("a boy in a red shirt with black hair stands alone", 7, Map.of());
        List<byte[]> mixed = PAINTER.generate(List.of(p1, s1, p2, s2));
        List<byte[]> portraits = PAINTER.generate(List.of(p1, p2)), scenes = PAINTER.generate(List.of(s1, s2));
        assertArrayEquals(portraits.get(0), mixed.get(0));
        assertArrayEquals(scenes.get(0), mixed.get(1));
        assertArrayEquals(portraits.get(1), mixed.get(2));
        assertArrayEquals(scenes.get(1), mixed.get(3));
        assertEquals(64, image(mixed.get(0)).getWidth());
        assertEquals(128, image(mixed.get(3)).getWidth());
    }

    /**
     * Learned tokens in scenes under one shared mapper: a person alone, token equal to "woman" with a
     * zero mapper, paints byte for byte what the word paints; two characters each read their own
     * token (isolated to their own words, so a word-equal token no longer paints the plain words'
     * picture), and a zero mapper paints as none.
     */
    @Test
    void learnedCharactersInAScenePaintWithTheirOwnTokens() throws Exception {
        float[] woman = MiniImageGeneratorTest.committedWordEmbedding("woman"),
                man = MiniImageGeneratorTest.committedWordEmbedding("man");
        byte[] zero;
        try (NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
                TokenMapper mapper = new TokenMapper(TokenMapper.Config.of(woman.length, 4, 1000), m, 1)) {
            zero = MapperFiles.toBytes(mapper);
        }
        var withMappers = PAINTER.withMappers(
                key -> Optional.ofNullable(Map.of("zero", zero).get(key)));
        Request word = Request.scene("a woman in the forest", 31, Map.of());
        Request token = Request.scene("a <s1> in the forest", 31, Map.of("<s1>", new LearnedToken(woman, "zero")));
        assertArrayEquals(
                PAINTER.generate(List.of(word)).get(0),
                withMappers.generate(List.of(token)).get(0));

        Request learned = Request.scene(
                "a <s1> talks with a <s2> in the forest",
                31,
                Map.of("<s1>", new LearnedToken(woman, "zero"), "<s2>", new LearnedToken(man, "zero")));
        byte[] painted = withMappers.generate(List.of(learned)).get(0);
        assertEquals(128, image(painted).getWidth());
        Request noMapper = Request.scene(
                "a <s1> talks with a <s2> in the forest",
                31,
                Map.of("<s1>", new LearnedToken(woman, null), "<s2>", new LearnedToken(man, null)));
        assertArrayEquals(painted, PAINTER.generate(List.of(noMapper)).get(0), "a zero mapper paints as none");
        Request swapped = Request.scene(
                "a <s1> talks with a <s2> in the forest",
                31,
                Map.of("<s1>", new LearnedToken(man, "zero"), "<s2>", new LearnedToken(woman, "zero")));
        assertFalse(
                Arrays.equals(painted, withMappers.generate(List.of(swapped)).get(0)),
                "each placeholder reads its own token");
    }

    static BufferedImage image(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }
}

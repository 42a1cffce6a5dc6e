package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import lemon.mini.loaders.MapperFiles;
import lemon.mini.loaders.Safetensors;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.TokenMapper;
import lemon.port.ImageGenerator.LearnedToken;
import lemon.port.ImageGenerator.Request;
import org.junit.jupiter.api.Test;

class MiniImageGeneratorTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void aPortraitDependsOnItsRequestOnlyNotOnTheRestOfTheBatch() throws Exception {
        MiniImageGenerator painter = new MiniImageGenerator();
        Request woman = new Request("a young woman with long red hair, wearing a blue dress", 11);
        Request man = new Request("an old man with a white beard, dressed in a green robe", 12);
        List<byte[]> both = painter.generate(List.of(woman, man));
        List<byte[]> alone = painter.generate(List.of(man));
        assertEquals(2, both.size());
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(both.get(1))),
                b = ImageIO.read(new ByteArrayInputStream(alone.get(0)));
        assertEquals(64, a.getWidth());
        // batch size changes float summation order a little; a mean bound keeps other CPUs' kernels in
        // (different requests differ by tens of levels on average)
        assertTrue(meanChannelDiff(a, b) <= 2, "same request, same portrait in any batch: " + meanChannelDiff(a, b));
        assertArrayEquals(alone.get(0), painter.generate(List.of(man)).get(0), "same call, same bytes");
        BufferedImage w = ImageIO.read(new ByteArrayInputStream(both.get(0)));
        assertTrue(maxChannelDiff(a, w) > 40, "different requests, different portraits");
        assertTrue(painter.name().startsWith("lemon-mini-diffusion"), painter.name());
    }

    @Test
    void threeLongAnchorsAreShortenedToFitTheWindowAndShortOnesAreWrittenInFull() {
        // three people of forty-thieves' loop, anchors as personalize fits them: written in full the prompt overran
        // the window, and the last person's words and "looks on" were cut off
        Map<String, String> anchors = Map.of(
                "<c1>", "a man in his twenties, dark, face, brown hair, wearing a tunic and a headscarf, carrying",
                "<c7>", "a brown skin man in his forties, brown hair, wearing a robe and a short cape and boots",
                "<c4>", "a fair skin woman in her forties, pinned-up blonde hair, wearing a gown, and a headscarf");
        String scene = "<c7> talks with <c1>, while <c4> looks on";
        MiniImageGenerator painter = new MiniImageGenerator();
        var window = PromptWindow.bundled();
        String full = scene;
        for (var e : anchors.entrySet())
            full = full.replace(e.getKey(), lemon.story.Personalization.Token.phrase(e.getKey(), e.getValue()));
        assertTrue(MiniImageGenerator.wordsOf(full, anchors.keySet(), window) > window.maxWords(), full);
        String fitted = painter.withAnchors(scene, anchors);
        assertTrue(MiniImageGenerator.wordsOf(fitted, anchors.keySet(), window) <= window.maxWords(), fitted);
        assertTrue(fitted.endsWith("looks on"), fitted);
        for (String kept : List.of("a brown skin <c7>", "a <c1>", "a fair skin <c4>", "blonde hair", "robe", "gown"))
            assertTrue(fitted.contains(kept), kept + " in " + fitted);
        // two people fit: the prompt is the anchors in full, word for word
        Map<String, String> two = Map.of("<c1>", anchors.get("<c1>"), "<c4>", anchors.get("<c4>"));
        assertEquals(
                anchors.get("<c1>").replace(" man ", " <c1> ") + " talks with "
                        + anchors.get("<c4>").replace(" woman ", " <c4> "),
                painter.withAnchors("<c1> talks with <c4>", two));
    }

    @Test
    void aTokenWhoseMapperCannotBeReadIsRefusedNotPaintedAsAWord() {
        var token = new LearnedToken(new float[] {0.1f, 0.2f}, "mapper-1.safetensors");
        Request personal = new Request("a photo of <s1> in the forest", 3, Map.of("<s1>", token));
        var e = assertThrows(
                UnsupportedOperationException.class, () -> new MiniImageGenerator().generate(List.of(personal)));
        assertTrue(e.getMessage().contains("mapper-1.safetensors"), e.getMessage());
    }

    /**
     * Injection checked against the plain path: tokens equal to words' input embeddings, with a zero
     * mapper or none, paint byte for byte what the words paint (one or two characters in a prompt);
     * a mapper that is not zero changes the picture. Batches are compared row for row at equal sizes.
     */
    @Test
    void learnedTokensEqualToWordsPaintExactlyWhatTheWordsPaint() throws Exception {
        float[] woman = committedWordEmbedding("woman"), man = committedWordEmbedding("man");
        byte[] zero, random;
        try (NDManager m = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager();
                TokenMapper mapper = new TokenMapper(TokenMapper.Config.of(woman.length, 4, 1000), m, 1)) {
            zero = MapperFiles.toBytes(mapper);
            float[] w = new float[(int) mapper.params().get("out.weight").size()];
            java.util.Random r = new java.util.Random(2);
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f;
            mapper.params()
                    .load(
                            "out.weight",
                            mapper.params().get("out.weight").getShape().getShape(),
                            w);
            random = MapperFiles.toBytes(mapper);
        }
        MiniImageGenerator plain = new MiniImageGenerator(PortraitPipeline.Sampling.DEFAULT.withSteps(4));
        var painter = plain.withMappers(key ->
                Optional.ofNullable(Map.of("zero", zero, "random", random).get(key)));
        String one = "a young %s with long red hair, wearing a blue dress", two = "a %s and a %s at the market";
        List<byte[]> words = plain.generate(List.of(
                new Request(String.format(one, "woman"), 21), new Request(String.format(two, "woman", "man"), 22)));
        for (String mapper : java.util.Arrays.asList("zero", null)) {
            List<byte[]> tokens = painter.generate(tokenRequests(one, two, woman, man, mapper));
            for (int i = 0; i < 2; i++)
                assertArrayEquals(words.get(i), tokens.get(i), mapper + " mapper, request " + i);
        }
        List<byte[]> mapped = painter.generate(tokenRequests(one, two, woman, man, "random"));
        assertFalse(java.util.Arrays.equals(words.get(0), mapped.get(0)), "a non-zero mapper changes the portrait");

        var wrongWidth = new Request("a <s1>", 1, Map.of("<s1>", new LearnedToken(new float[] {1, 2}, null)));
        assertThrows(IllegalArgumentException.class, () -> painter.generate(List.of(wrongWidth)));
    }

    private static List<Request> tokenRequests(String one, String two, float[] woman, float[] man, String mapper) {
        LearnedToken w = new LearnedToken(woman, mapper), m = new LearnedToken(man, mapper);
        return List.of(
                new Request(String.format(one, "<s1>"), 21, Map.of("<s1>", w)),
                new Request(String.format(two, "<s1>", "<s2>"), 22, Map.of("<s1>", w, "<s2>", m)));
    }

    /** A word's row of the committed text encoder's input embeddings, read from its weights file. */
    static float[] committedWordEmbedding(String word) throws Exception {
        java.nio.file.Path text = PortraitPipeline.committedDir().resolve("text");
        int id = CaptionTokenizer.load(text.resolve("tokenizer.json")).id(word);
        try (Safetensors st = Safetensors.open(text.resolve("weights.safetensors"))) {
            Safetensors.Tensor t = st.read(MiniTextEncoder.TOKEN_EMB);
            int w = (int) t.shape()[1];
            return java.util.Arrays.copyOfRange(t.data(), id * w, (id + 1) * w);
        }
    }

    static double meanChannelDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    private static int maxChannelDiff(BufferedImage a, BufferedImage b) {
        int d = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y), q = b.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) d = Math.max(d, Math.abs(((p >> s) & 255) - ((q >> s) & 255)));
            }
        }
        return d;
    }
}

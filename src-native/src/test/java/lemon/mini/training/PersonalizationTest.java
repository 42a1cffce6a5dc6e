package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.DiffusionConfigs;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.Params;
import lemon.mini.models.TestSupport;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.schedulers.SchedulerConfig;
import lemon.port.Checkpoints;
import lemon.port.Personalizer;
import lemon.story.InteractionGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Personalisation on tiny random models (8 px, 16-wide tokens): what trains, determinism, exact
 * resume. What it learns on the real models is measured by {@code lemon personalize-check}.
 */
class PersonalizationTest {
    static {
        TestEnv.init();
    }

    static final PersonalizationTrainer.Settings SETTINGS =
            new PersonalizationTrainer.Settings(2, 1e-2f, 1e-2f, 4, 0.5f, 0.8f, 2, 999, 1);
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    // ali and cassim interact, morgiana is on her own
    static final InteractionGraph GRAPH = new InteractionGraph(
            List.of("ali", "cassim", "morgiana"), List.of(new InteractionGraph.Edge("ali", "cassim", 3, 1.0)));
    static final Map<String, String> CLASS_WORDS = Map.of("ali", "man", "cassim", "man", "morgiana", "woman");

    static NDManager manager;
    static PersonalizationTrainer.Models models;
    static Map<String, List<byte[]>> portraits;

    @BeforeAll
    static void tinyModels() throws Exception {
        manager = TestSupport.manager();
        TextEncoderConfig text = DiffusionConfigs.tinyText();
        var tok = TestSupport.tokenizer(text);
        MiniUNet unet = new MiniUNet(DiffusionConfigs.tinyUnet(8), manager, 2);
        randomise(unet.params(), 3); // its zero-initialised output convs would make the conditioning invisible
        models = new PersonalizationTrainer.Models(
                new MiniTextEncoder(text, tok, manager, 1),
                unet,
                SchedulerConfig.portrait(),
                new MiniClip(new ClipConfig(8, List.of(8, 16), text, 16), tok, manager, 4));
        portraits = new HashMap<>();
        int[] colours = {0xC03020, 0x2040C0, 0x30A040};
        for (int c = 0; c < 3; c++) {
            List<byte[]> pngs = new ArrayList<>();
            for (int i = 0; i < 3; i++) pngs.add(png(colours[c], 10 * c + i));
            portraits.put(List.of("ali", "cassim", "morgiana").get(c), pngs);
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void oneStepChangesTheTokensGraphAndMapperAndNothingFrozen() throws Exception {
        List<Params> frozen =
                new ArrayList<>(List.of(models.text().params(), models.unet().params()));
        frozen.addAll(models.clip().parts().values());
        List<float[]> before = snapshot(frozen);
        var characters = new ArrayList<PersonalizationTrainer.Character>();
        for (String id : List.of("ali", "cassim", "morgiana")) {
            List<BufferedImage> imgs = new ArrayList<>();
            for (byte[] p : portraits.get(id)) imgs.add(ImageIO.read(new java.io.ByteArrayInputStream(p)));
            characters.add(new PersonalizationTrainer.Character(
                    id, MiniPersonalizer.classEmbedding(models.text(), CLASS_WORDS.get(id)), imgs));
        }
        float[][] w = MiniPersonalizer.weights(List.of("ali", "cassim", "morgiana"), GRAPH);
        try (var trainer = new PersonalizationTrainer(models, SETTINGS, characters, w, 7)) {
            Map<String, float[]> tokens0 = trainer.learnedTokens();
            byte[] mapper0 = trainer.mapperBytes();
            assertArrayEquals(
                    models.text().embeddingOf("woman"),
                    tokens0.get("morgiana"),
                    0.01f * 0.3f,
                    "tokens start at the class word");
            double loss = trainer.trainStep();
            assertTrue(Double.isFinite(loss), "a finite loss: " + loss);
            assertEquals(1, trainer.steps());
            assertTrue(trainer.losses()[2] != 0, "L_ct took part: " + trainer.losses()[2]);
            Map<String, float[]> tokens1 = trainer.learnedTokens();
            for (String id : tokens0.keySet())
                assertFalse(java.util.Arrays.equals(tokens0.get(id), tokens1.get(id)), id + "'s token trained");
            assertFalse(java.util.Arrays.equals(mapper0, trainer.mapperBytes()), "the mapper trained");
        }
        List<float[]> after = snapshot(frozen);
        for (int i = 0; i < before.size(); i++) assertArrayEquals(before.get(i), after.get(i), "frozen tensor " + i);
    }

    @Test
    void sameSeedSameTokensAndAResumedRunEndsWhereTheStraightOneDoes() {
        Personalizer.Result straight = personalize(SETTINGS, 7, new MemoryCheckpoints());
        assertEquals(2L, straight.metrics().get("steps"));
        assertEquals(1, straight.blobs().size());
        String key = straight.blobs().keySet().iterator().next();
        assertTrue(key.startsWith("mapper-") && key.endsWith(".safetensors"), key);
        straight.tokens().values().forEach(t -> assertEquals(key, t.mapperKey()));
        assertEquals(
                List.of("ali", "cassim", "morgiana"),
                straight.tokens().keySet().stream().sorted().toList());

        assertSame(straight, personalize(SETTINGS, 7, new MemoryCheckpoints()), "same seed, same result");

        MemoryCheckpoints sink = new MemoryCheckpoints();
        Personalizer.Result half = personalize(SETTINGS.withSteps(1), 7, sink); // as if killed after step 1
        assertFalse(equalTokens(straight, half));
        Personalizer.Result resumed = personalize(SETTINGS, 7, sink);
        assertEquals(1L, resumed.metrics().get("resumedAtStep"));
        assertSame(straight, resumed, "resumed = straight");

        Personalizer.Result other = personalize(SETTINGS, 8, sink);
        assertEquals(0L, other.metrics().get("resumedAtStep"), "another seed's state is not continued");
        assertFalse(equalTokens(straight, other), "another seed, other tokens");
    }

    @Test
    void withoutAMapperTokensAreOneVectorAndWithoutRoundsTheGraphPassesThemThrough() throws Exception {
        // Textual Inversion: no mapper file, no token names one, and the mapper never trains
        var ti = SETTINGS.withMapper(false).withRounds(0).withLambda(0);
        Personalizer.Result r = personalize(ti, 7, new MemoryCheckpoints());
        assertTrue(r.blobs().isEmpty(), "no mapper stored: " + r.blobs().keySet());
        r.tokens().values().forEach(t -> assertEquals(null, t.mapperKey()));
        assertFalse(equalTokens(r, personalize(SETTINGS, 7, new MemoryCheckpoints())), "the switches change training");
        var characters = new ArrayList<PersonalizationTrainer.Character>();
        for (String id : List.of("ali", "cassim")) {
            List<BufferedImage> imgs = new ArrayList<>();
            for (byte[] p : portraits.get(id)) imgs.add(ImageIO.read(new java.io.ByteArrayInputStream(p)));
            characters.add(new PersonalizationTrainer.Character(
                    id, MiniPersonalizer.classEmbedding(models.text(), CLASS_WORDS.get(id)), imgs));
        }
        float[][] w = MiniPersonalizer.weights(List.of("ali", "cassim"), GRAPH);
        try (var trainer = new PersonalizationTrainer(models, ti, characters, w, 7)) {
            byte[] mapper0 = trainer.mapperBytes();
            // L = 0: what stands for a token is the token itself, the class word at the start
            assertArrayEquals(
                    models.text().embeddingOf("man"), trainer.learnedTokens().get("ali"), 1e-6f);
            assertTrue(Double.isFinite(trainer.trainStep()));
            assertArrayEquals(mapper0, trainer.mapperBytes(), "the mapper did not train");
            assertFalse(
                    java.util.Arrays.equals(
                            models.text().embeddingOf("man"),
                            trainer.learnedTokens().get("ali")),
                    "the token trained");
        }
    }

    @Test
    void theTokenPullKeepsEachTokenNearerItsClassWord() throws Exception {
        var characters = new ArrayList<PersonalizationTrainer.Character>();
        for (String id : List.of("ali", "morgiana")) {
            List<BufferedImage> imgs = new ArrayList<>();
            for (byte[] p : portraits.get(id)) imgs.add(ImageIO.read(new java.io.ByteArrayInputStream(p)));
            characters.add(new PersonalizationTrainer.Character(
                    id, MiniPersonalizer.classEmbedding(models.text(), CLASS_WORDS.get(id)), imgs));
        }
        float[][] w = MiniPersonalizer.weights(List.of("ali", "morgiana"), GRAPH);
        var plain = SETTINGS.withRounds(0).withLambda(0);
        double[] apart = new double[2];
        for (int k = 0; k < 2; k++) {
            try (var trainer =
                    new PersonalizationTrainer(models, k == 0 ? plain : plain.withTokenPull(50), characters, w, 7)) {
                for (int i = 0; i < 8; i++) assertTrue(Double.isFinite(trainer.trainStep()));
                float[] ali = trainer.learnedTokens().get("ali"),
                        man = models.text().embeddingOf("man");
                for (int j = 0; j < man.length; j++) apart[k] += (ali[j] - man[j]) * (ali[j] - man[j]);
            }
        }
        assertTrue(apart[0] > 0, "unpulled, the token moved");
        assertTrue(apart[1] < apart[0] / 4, "pulled, it stays near \"man\": " + apart[1] + " against " + apart[0]);
        assertEquals(0f, PersonalizationTrainer.Settings.DEFAULT.tokenPull(), "no pull by default, as the paper");
        assertThrows(IllegalArgumentException.class, () -> plain.withTokenPull(-1));
    }

    @Test
    void trainsOnAFreshThreadAsAWorkflowTaskDoes() throws Exception {
        // PyTorch's grad mode is per thread and on by default: the optimiser's in-place updates must not rely on it
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread t = new Thread(() -> {
            try {
                personalize(SETTINGS, 7, new MemoryCheckpoints());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertEquals(null, failure.get(), "personalisation on a fresh thread");
    }

    @Test
    void aLaterIterationContinuesThePreviousStateAndLearnsFromScenePairs() throws Exception {
        Personalizer.Result first = personalize(SETTINGS, 7, new MemoryCheckpoints());
        assertTrue(first.state() != null && first.state().length > 0, "a state to continue from");
        // a 16×8 "scene" of ali and morgiana, as the generator's wide canvas at the tiny UNet's scale
        BufferedImage wide = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) for (int y = 0; y < 8; y++) wide.setRGB(x, y, x < 8 ? 0xC03020 : 0x30A040);
        var buf = new java.io.ByteArrayOutputStream();
        ImageIO.write(wide, "png", buf);
        var pair = new Personalizer.Pair(
                buf.toByteArray(), "<c1> talks with <c2>", Map.of("<c1>", "ali", "<c2>", "morgiana"));
        var request = new Personalizer.Request(portraits, CLASS_WORDS, GRAPH, List.of(pair), first.state(), 8);
        var settings = SETTINGS.withSteps(8); // continued: a quarter, 2 steps, one of them… none of pairs yet
        Personalizer.Result next = new MiniPersonalizer(settings.withSteps(16), models, QUIET)
                .personalize(request, new MemoryCheckpoints());
        assertEquals(4L, next.metrics().get("steps"), "a continued run trains a quarter of the steps");
        assertEquals(true, next.metrics().get("warmStart"));
        assertEquals(1, next.metrics().get("scenePairs"));
        assertFalse(equalTokens(first, next), "it trained on");
        Personalizer.Result fresh = new MiniPersonalizer(settings.withSteps(16), models, QUIET)
                .personalize(
                        new Personalizer.Request(portraits, CLASS_WORDS, GRAPH, List.of(pair), null, 8),
                        new MemoryCheckpoints());
        assertFalse(equalTokens(fresh, next), "continuing differs from starting over");
        // scene pairs that train only the tokens and graph (the mapper stays as the portraits taught it)
        Personalizer.Result tokensOnly = new MiniPersonalizer(
                        settings.withSteps(16).withScenePairsTrainMapper(false), models, QUIET)
                .personalize(request, new MemoryCheckpoints());
        assertEquals(4L, tokensOnly.metrics().get("steps"));
        assertFalse(equalTokens(tokensOnly, next), "the pair step learned differently");
    }

    @Test
    void describedTokensAreLearnedBesideTheWordsOfTheirDescriptionTheModelReads() {
        MiniPersonalizer p = new MiniPersonalizer(SETTINGS, models, QUIET);
        String anchor = p.anchor(
                "a tall, hawk-nosed man with a thick grey beard and red hair, wearing a blue shirt and a scimitar.");
        assertEquals("a man in a blue shirt with a red beard", anchor, "as the world's scene captions say it");
        assertEquals(
                "in a green hat",
                p.anchor("hawk-nosed, in a green hat and a blue scarf"),
                "stating none of the world's attributes, it is fitted as written: unknown words go, and so does a"
                        + " colour on a thing the world does not colour");
        String whole = new MiniPersonalizer(SETTINGS, models, Personalizer.Anchor.DESCRIPTION, QUIET)
                .anchor(
                        "a tall, hawk-nosed man with a thick grey beard and red hair, wearing a blue shirt and a scimitar.");
        for (String kept : List.of("man", "grey beard", "red hair", "blue shirt"))
            assertTrue(whole.contains(kept), "a description anchor keeps the description's own words: " + whole);
        assertFalse(whole.contains("scimitar") || whole.contains("hawk"), "but not words the model does not know");

        // learned as painted: the placeholder where the anchor names the person, the paper's prompt without one
        assertEquals("a portrait of a <s> in a blue shirt with a red beard", MiniPersonalizer.trainingPrompt(anchor));
        assertEquals(PersonalizationTrainer.PROMPT, MiniPersonalizer.trainingPrompt(null));

        MemoryCheckpoints sink = new MemoryCheckpoints();
        Personalizer.Result alone = personalize(SETTINGS, 7, sink);
        var request = new Personalizer.Request(
                portraits, CLASS_WORDS, GRAPH, List.of(), null, 7, Map.of("ali", anchor, "morgiana", "a woman"));
        Personalizer.Result described = p.personalize(request, sink);
        assertEquals(
                0L, described.metrics().get("resumedAtStep"), "a state learned with other prompts is not continued");
        assertFalse(equalTokens(alone, described), "the prompts took part");
        assertTrue(equalTokens(described, p.personalize(request, new MemoryCheckpoints())), "and deterministically");

        var noPlaceholder = assertThrows(
                IllegalArgumentException.class,
                () -> new PersonalizationTrainer.Character("ali", new float[16], List.of(), "a portrait of ali"));
        assertTrue(noPlaceholder.getMessage().contains(PersonalizationTrainer.PLACEHOLDER), noPlaceholder.getMessage());
    }

    private static Personalizer.Result personalize(PersonalizationTrainer.Settings s, long seed, Checkpoints sink) {
        return new MiniPersonalizer(s, models, QUIET).personalize(portraits, CLASS_WORDS, GRAPH, seed, sink);
    }

    private static void assertSame(Personalizer.Result a, Personalizer.Result b, String why) {
        assertTrue(equalTokens(a, b), why + ": tokens");
        assertEquals(a.blobs().keySet(), b.blobs().keySet(), why + ": mapper key");
        for (String k : a.blobs().keySet())
            assertArrayEquals(a.blobs().get(k), b.blobs().get(k), why + ": mapper");
    }

    private static boolean equalTokens(Personalizer.Result a, Personalizer.Result b) {
        for (String id : a.tokens().keySet())
            if (!java.util.Arrays.equals(
                    a.tokens().get(id).embedding(), b.tokens().get(id).embedding())) return false;
        return true;
    }

    static final class MemoryCheckpoints implements Checkpoints {
        byte[] saved;

        @Override
        public Optional<byte[]> latest() {
            return Optional.ofNullable(saved);
        }

        @Override
        public void save(byte[] checkpoint) {
            saved = checkpoint.clone();
        }
    }

    private static List<float[]> snapshot(List<Params> stores) {
        List<float[]> out = new ArrayList<>();
        for (Params p : stores) for (NDArray v : p.all().values()) out.add(v.toFloatArray());
        return out;
    }

    private static void randomise(Params p, long seed) {
        Random r = new Random(seed);
        for (var e : List.copyOf(p.all().entrySet())) {
            float[] w = new float[(int) e.getValue().size()];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.2f;
            p.load(e.getKey(), e.getValue().getShape().getShape(), w);
        }
    }

    /** A 16×16 portrait stand-in: a character's colour with a little per-image texture. */
    private static byte[] png(int rgb, long seed) throws Exception {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) img.setRGB(x, y, rgb ^ r.nextInt(0x20));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}

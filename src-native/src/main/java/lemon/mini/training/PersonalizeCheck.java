package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.port.Checkpoints;
import lemon.port.ImageGenerator;
import lemon.port.ImageGenerator.LearnedToken;
import lemon.port.ImageGenerator.Request;
import lemon.port.Personalizer;
import lemon.story.InteractionGraph;

/**
 * Measures personalisation on the bundled models (printed, not asserted): three characters'
 * portraits are painted from distinct descriptions, the characters are personalised, and new
 * portraits ("a portrait of &lt;s&gt;", new seeds) are compared with CLIP-mini, image to image, with
 * each character's own portraits (consistency) and the other characters' (distinctness), next to
 * the base model given only the class word and given the whole description (the ceiling).
 * <pre>
 *   lemon personalize-check [--steps N] [--lambda L] [--portraits O] [--samples K] [--seed S]
 * </pre>
 */
public final class PersonalizeCheck {
    private PersonalizeCheck() {}

    /** id, class word, description: two men, so the class word alone cannot tell them apart. */
    static final List<String[]> CHARACTERS = List.of(
            new String[] {"morgiana", "woman", "a young woman with long red hair, wearing a blue dress"},
            new String[] {"ali", "man", "a man with short black hair and a black beard, dressed in a green robe"},
            new String[] {"cassim", "man", "an old man with grey hair, wearing a yellow tunic"});

    public static void run(List<String> args, PrintStream out) throws IOException {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        var settings = PersonalizationTrainer.Settings.DEFAULT;
        int portraitsPer = 5, samples = 8;
        long seed = 1;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--steps" -> settings = settings.withSteps(Integer.parseInt(args.get(++i)));
                case "--lambda" -> settings = settings.withLambda(Float.parseFloat(args.get(++i)));
                case "--portraits" -> portraitsPer = Integer.parseInt(args.get(++i));
                case "--samples" -> samples = Integer.parseInt(args.get(++i));
                case "--seed" -> seed = Long.parseLong(args.get(++i));
                default ->
                    throw new IllegalArgumentException(
                            "usage: personalize-check [--steps N] [--lambda L] [--portraits O] [--samples K] [--seed S]");
            }
        }
        MiniImageGenerator painter = new MiniImageGenerator();
        int n = CHARACTERS.size();
        long t0 = System.nanoTime();
        List<Request> portraitRequests = new ArrayList<>();
        for (int c = 0; c < n; c++)
            for (int i = 0; i < portraitsPer; i++)
                portraitRequests.add(Request.of(CHARACTERS.get(c)[2], seed * 1000 + 100L * c + i));
        List<byte[]> portraitPngs = painter.generate(portraitRequests);
        Map<String, List<byte[]>> portraits = new LinkedHashMap<>();
        Map<String, String> classWords = new HashMap<>();
        for (int c = 0; c < n; c++) {
            portraits.put(CHARACTERS.get(c)[0], portraitPngs.subList(c * portraitsPer, (c + 1) * portraitsPer));
            classWords.put(CHARACTERS.get(c)[0], CHARACTERS.get(c)[1]);
        }
        out.printf(Locale.ROOT, "painted %d portraits per character in %.1f s%n", portraitsPer, secondsSince(t0));

        // Ali and Cassim are brothers; Morgiana serves Ali
        InteractionGraph graph = new InteractionGraph(
                List.of("ali", "cassim", "morgiana"),
                List.of(
                        new InteractionGraph.Edge("ali", "cassim", 4, 1.0),
                        new InteractionGraph.Edge("ali", "morgiana", 2, 0.5)));
        Personalizer personalizer = new MiniPersonalizer(settings, out);
        out.println(personalizer.name());
        Personalizer.Result result =
                personalizer.personalize(portraits, classWords, graph, seed, new MemoryCheckpoints());
        out.println("personalize metrics: " + result.metrics());

        ImageGenerator personal =
                painter.withMappers(key -> Optional.ofNullable(result.blobs().get(key)));
        Map<String, List<Request>> methods = new LinkedHashMap<>();
        for (String m : List.of("lemon", "lemon-no-mapper", "class-word", "description"))
            methods.put(m, new ArrayList<>());
        for (int c = 0; c < n; c++) {
            String[] ch = CHARACTERS.get(c);
            LearnedToken token = result.tokens().get(ch[0]);
            for (int k = 0; k < samples; k++) {
                long s = seed * 1000 + 500 + 100L * c + k; // seeds the portraits never used
                methods.get("lemon").add(new Request("a portrait of <s1>", s, Map.of("<s1>", token)));
                methods.get("lemon-no-mapper")
                        .add(new Request(
                                "a portrait of <s1>", s, Map.of("<s1>", new LearnedToken(token.embedding(), null))));
                methods.get("class-word").add(Request.of("a portrait of " + ch[1], s));
                methods.get("description").add(Request.of(ch[2], s));
            }
        }
        try (MiniClip clip = MiniPersonalizer.loadClip(MiniWeights.clipDir());
                NDManager scope = clip.params().manager().newSubManager()) {
            clip.attachTo(scope);
            float[][] ref = embed(clip, scope, portraitPngs);
            out.printf(
                    Locale.ROOT,
                    "CLIP-mini image–image cosine to the characters' %d portraits each (mean over %d new portraits per character):%n",
                    portraitsPer,
                    samples);
            out.printf(
                    Locale.ROOT,
                    "  %-30s %12s %8s %8s %11s %7s%n",
                    "painted from",
                    "own (cons.)",
                    "others",
                    "margin",
                    "identified",
                    "paint");
            report(out, "the portraits themselves", ref, ref, n, portraitsPer, true, Double.NaN);
            for (var m : methods.entrySet()) {
                long tm = System.nanoTime();
                List<byte[]> pngs = (m.getKey().startsWith("lemon") ? personal : painter).generate(m.getValue());
                float[][] e = embed(clip, scope, pngs);
                report(out, label(m.getKey()), e, ref, n, portraitsPer, false, secondsSince(tm));
            }
            scenes(out, painter, personal, result, clip, scope, ref, portraitsPer, samples, seed);
        }
        Object perStep = result.metrics().get("secondsPerStep");
        out.printf(
                Locale.ROOT,
                "personalise: %s steps, %s s per step (batch %d, %d threads)%n",
                result.metrics().get("steps"),
                perStep,
                settings.batch(),
                ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }

    /**
     * Scenes of two (each character with the next, {@code samples} each): the people count by the
     * bundled validator, and each column's crop scored as the portraits above are. Three prompts:
     * Base's descriptions, the tokens alone (the paper's register), and each token beside its
     * character's description ("anchored"), to see whether a token keeps the count that the
     * descriptions give (the mini model learned the count from how captions describe people).
     */
    private static void scenes(
            PrintStream out,
            ImageGenerator painter,
            ImageGenerator personal,
            Personalizer.Result result,
            MiniClip clip,
            NDManager scope,
            float[][] ref,
            int per,
            int samples,
            long seed)
            throws IOException {
        int n = CHARACTERS.size();
        out.printf(
                Locale.ROOT,
                "two-character scenes, %d per pair: exactly two people (bundled validator), and each column's crop as above:%n",
                samples);
        out.printf(
                Locale.ROOT,
                "  %-30s %12s %12s %8s %8s %11s%n",
                "prompt",
                "two people",
                "own (cons.)",
                "others",
                "margin",
                "identified");
        try (MiniValidatorAdapter validator = MiniValidatorAdapter.bundled()) {
            for (String method : List.of("base", "tokens", "anchored")) {
                List<Request> requests = new ArrayList<>();
                List<Integer> owners = new ArrayList<>();
                for (int a = 0; a < n; a++) {
                    int b = (a + 1) % n;
                    String[] x = CHARACTERS.get(a), y = CHARACTERS.get(b);
                    Map<String, LearnedToken> tokens = Map.of(
                            "<c1>",
                            result.tokens().get(x[0]),
                            "<c2>",
                            result.tokens().get(y[0]));
                    for (int k = 0; k < samples; k++) {
                        long s = seed * 1000 + 700 + 10L * a + 100L * k;
                        requests.add(
                                switch (method) {
                                    case "base" ->
                                        new Request(
                                                x[2] + " talks with " + y[2], s, Map.of(), ImageGenerator.Canvas.SCENE);
                                    case "tokens" ->
                                        new Request("<c1> talks with <c2>", s, tokens, ImageGenerator.Canvas.SCENE);
                                    default ->
                                        new Request(
                                                "<c1> " + x[2] + " talks with <c2> " + y[2],
                                                s,
                                                tokens,
                                                ImageGenerator.Canvas.SCENE);
                                });
                        owners.add(a);
                        owners.add(b);
                    }
                }
                List<byte[]> pngs = (method.equals("base") ? painter : personal).generate(requests);
                int two = 0;
                List<BufferedImage> crops = new ArrayList<>();
                for (byte[] png : pngs) {
                    if (validator.inspect(png).people() == 2) two++;
                    crops.addAll(lemon.mini.pipelines.SceneRegions.squares(
                            ImageIO.read(new ByteArrayInputStream(png)),
                            2,
                            clip.config().imageSize()));
                }
                float[][] e = embedImages(clip, scope, crops);
                Scores sc = score(e, owners::get, ref, n, per, false);
                out.printf(
                        Locale.ROOT,
                        "  %-30s %6d of %-3d %12.3f %8.3f %8.3f %10.0f%%%n",
                        switch (method) {
                            case "base" -> "base \"desc talks with desc\"";
                            case "tokens" -> "LeMon \"<c1> talks with <c2>\"";
                            default -> "anchored \"<c1> desc … <c2> desc\"";
                        },
                        two,
                        pngs.size(),
                        sc.own(),
                        sc.others(),
                        sc.own() - sc.others(),
                        100 * sc.identified());
            }
        }
    }

    private static String label(String method) {
        return switch (method) {
            case "lemon" -> "LeMon \"a portrait of <s>\"";
            case "lemon-no-mapper" -> "  the same, no mapper";
            case "class-word" -> "base \"a portrait of <class>\"";
            default -> "base, full description";
        };
    }

    /**
     * One line: the mean cosine of each image with its own character's portraits, with the other
     * characters' (mean over them), the margin, and how often the own character is the closest.
     */
    private static void report(
            PrintStream out,
            String label,
            float[][] images,
            float[][] ref,
            int n,
            int per,
            boolean self,
            double seconds) {
        int perImage = images.length / n;
        Scores sc = score(images, i -> i / perImage, ref, n, per, self);
        out.printf(
                Locale.ROOT,
                "  %-30s %12.3f %8.3f %8.3f %10.0f%% %7s%n",
                label,
                sc.own(),
                sc.others(),
                sc.own() - sc.others(),
                100 * sc.identified(),
                Double.isNaN(seconds) ? "" : String.format(Locale.ROOT, "%.0f s", seconds));
    }

    /** Mean cosine to the own character's portraits and to the others', and the share nearest their own. */
    private record Scores(double own, double others, double identified) {}

    /**
     * Each image against every character's {@code per} portraits in {@code ref} (mean cosine per
     * character; with {@code self}, image i is portrait i and not compared with itself).
     */
    private static Scores score(
            float[][] images, java.util.function.IntUnaryOperator owner, float[][] ref, int n, int per, boolean self) {
        double own = 0, others = 0;
        int identified = 0;
        for (int i = 0; i < images.length; i++) {
            int c = owner.applyAsInt(i);
            double[] mean = new double[n];
            for (int d = 0; d < n; d++) {
                int count = 0;
                for (int j = d * per; j < (d + 1) * per; j++) {
                    if (self && j == i) continue;
                    mean[d] += dot(images[i], ref[j]);
                    count++;
                }
                mean[d] /= count;
            }
            double other = 0, best = -2;
            for (int d = 0; d < n; d++) {
                if (d == c) continue;
                other += mean[d] / (n - 1);
                best = Math.max(best, mean[d]);
            }
            own += mean[c];
            others += other;
            if (mean[c] > best) identified++;
        }
        return new Scores(own / images.length, others / images.length, (double) identified / images.length);
    }

    private static float[][] embed(MiniClip clip, NDManager scope, List<byte[]> pngs) throws IOException {
        List<BufferedImage> imgs = new ArrayList<>();
        for (byte[] p : pngs) imgs.add(ImageIO.read(new ByteArrayInputStream(p)));
        return embedImages(clip, scope, imgs);
    }

    private static float[][] embedImages(MiniClip clip, NDManager scope, List<BufferedImage> images) {
        int size = clip.config().imageSize();
        List<BufferedImage> imgs = new ArrayList<>();
        for (BufferedImage img : images) imgs.add(PersonalizationTrainer.atSize(img, size));
        try (NDManager s = scope.newSubManager()) {
            NDArray e = clip.embedImages(ImageTensors.batch(s, imgs));
            float[] flat = e.toFloatArray();
            int d = (int) e.getShape().get(1);
            float[][] out = new float[imgs.size()][];
            for (int i = 0; i < out.length; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            return out;
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Checkpoints kept in memory: the check never resumes. */
    private static final class MemoryCheckpoints implements Checkpoints {
        private byte[] saved;

        @Override
        public Optional<byte[]> latest() {
            return Optional.ofNullable(saved);
        }

        @Override
        public void save(byte[] checkpoint) {
            saved = checkpoint;
        }
    }
}

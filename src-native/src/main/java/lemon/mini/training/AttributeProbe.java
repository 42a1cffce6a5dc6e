package lemon.mini.training;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import lemon.mini.pipelines.SceneRegions;
import lemon.mini.render.Attributes;
import lemon.mini.render.Sample;

/**
 * Reads gender, hair colour and clothing colour off a 64×64 portrait with three linear
 * (softmax-regression) classifiers over two kinds of features: the image box-filtered to 16×16
 * RGB (shape and layout) and, per 16×16-pixel region, the share of pixels nearest to each colour
 * the renderer paints hair, clothing and skin with (so "some red-hair-coloured pixels near the
 * top" is one linear feature). They are trained on renders of the training split, and
 * {@link #accuracy} on held-out renders says how far they can be trusted: a generated image is
 * only judged as well as the probe reads real ones.
 */
public final class AttributeProbe {
    public enum Head {
        GENDER,
        HAIR,
        CLOTHING,
        AGE,
        FACIAL_HAIR,
        HEADWEAR,
        SKIN;

        /** The heads eval-mini has always reported (and trains by default). */
        public static final java.util.Set<Head> TEMPLATE = java.util.EnumSet.of(GENDER, HAIR, CLOTHING);
    }

    private static final int GRID = 16, REGIONS = 4;
    private static final int[] PALETTE = palette();
    /** raw 16×16 RGB, then per region the share of each palette colour and of "none close", then the bias */
    private static final int RAW = GRID * GRID * 3, FEATURES = RAW + REGIONS * REGIONS * (PALETTE.length + 1) + 1;

    private static final double CLOSE = 60; // RGB distance within which a pixel counts as a palette colour
    private final float[][][] weights = new float[Head.values().length][][];

    private AttributeProbe() {}

    public static int classes(Head h) {
        return switch (h) {
            case GENDER -> 2;
            case HAIR -> Attributes.HairColour.values().length;
            case CLOTHING -> Attributes.Colour.values().length;
            case AGE -> Attributes.Age.values().length;
            case FACIAL_HAIR -> Attributes.FacialHair.values().length;
            case HEADWEAR -> Attributes.Headwear.values().length;
            case SKIN -> Attributes.SkinTone.values().length;
        };
    }

    public static int label(Head h, Attributes a) {
        return switch (h) {
            case GENDER -> a.gender().ordinal();
            case HAIR -> a.hairColour().ordinal();
            case CLOTHING -> a.clothingColour().ordinal();
            case AGE -> a.age().ordinal();
            case FACIAL_HAIR -> a.facialHair().ordinal();
            case HEADWEAR -> a.headwear().ordinal();
            case SKIN -> a.skinTone().ordinal();
        };
    }

    private static AttributeProbe forEvaluation;

    /** The evaluation probe as {@code lemon train-mini probe} writes it, committed beside the other weights. */
    public static final String EVALUATION_RESOURCE = "/lemon/mini/probe/evaluation.safetensors";

    /** How the evaluation probe is trained: data seed, training renders, epochs. */
    static final int EVAL_SEED = 7, EVAL_RENDERS = 6000, EVAL_EPOCHS = 15;

    /**
     * The probe eval-mini and diffusion training report with: 6,000 renders of data seed 7, 15
     * epochs. Read from {@link #EVALUATION_RESOURCE} (training it takes 10–12 s on two cores; it is
     * deterministic, and {@code lemon train-mini probe} writes the same bytes again), or trained
     * once per JVM when the resource is absent.
     */
    public static synchronized AttributeProbe forEvaluation() {
        if (forEvaluation == null) {
            try (java.io.InputStream in = AttributeProbe.class.getResourceAsStream(EVALUATION_RESOURCE)) {
                forEvaluation = in != null
                        ? read(in.readAllBytes(), EVALUATION_RESOURCE)
                        : train(EVAL_SEED, EVAL_RENDERS, EVAL_EPOCHS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + EVALUATION_RESOURCE, e);
            }
        }
        return forEvaluation;
    }

    /** Writes the trained heads as safetensors (one [classes, features] tensor per head) with how it was trained. */
    public void write(java.nio.file.Path file, java.util.Map<String, String> metadata) throws java.io.IOException {
        java.util.Map<String, lemon.mini.loaders.Safetensors.Tensor> tensors = new java.util.LinkedHashMap<>();
        for (Head h : Head.values()) {
            if (!has(h)) continue;
            float[][] w = weights[h.ordinal()];
            float[] flat = new float[w.length * FEATURES];
            for (int c = 0; c < w.length; c++) System.arraycopy(w[c], 0, flat, c * FEATURES, FEATURES);
            tensors.put(
                    h.name().toLowerCase(java.util.Locale.ROOT),
                    new lemon.mini.loaders.Safetensors.Tensor(new long[] {w.length, FEATURES}, flat));
        }
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(metadata);
        meta.put("features", String.valueOf(FEATURES));
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        lemon.mini.loaders.Safetensors.write(file, tensors, "F32", meta);
    }

    /** A probe {@link #write} wrote; refused when its features are not today's (the probe must be trained again). */
    public static AttributeProbe read(byte[] bytes, String name) throws java.io.IOException {
        try (var st = lemon.mini.loaders.Safetensors.open(bytes, name)) {
            String features = st.metadata().get("features");
            if (!String.valueOf(FEATURES).equals(features))
                throw new IllegalStateException(name + " was trained on " + features + " features, the probe now reads "
                        + FEATURES + ": train it again with lemon train-mini probe");
            AttributeProbe p = new AttributeProbe();
            for (Head h : Head.values()) {
                String key = h.name().toLowerCase(java.util.Locale.ROOT);
                if (!st.entries().containsKey(key)) continue;
                lemon.mini.loaders.Safetensors.Tensor t = st.read(key);
                if (t.shape()[0] != classes(h) || t.shape()[1] != FEATURES)
                    throw new IllegalStateException(
                            name + ": head " + key + " has shape " + java.util.Arrays.toString(t.shape())
                                    + ", expected [" + classes(h) + ", " + FEATURES + "]");
                float[][] w = new float[classes(h)][FEATURES];
                for (int c = 0; c < w.length; c++) System.arraycopy(t.data(), c * FEATURES, w[c], 0, FEATURES);
                p.weights[h.ordinal()] = w;
            }
            return p;
        }
    }

    /** As {@link #forEvaluation} with every head (age, facial hair, headwear, skin too), for eval-descriptions. */
    public static AttributeProbe forDescriptions() {
        return train(7, 6000, 15, java.util.EnumSet.allOf(Head.class));
    }

    /** Whether this probe was trained for head h. */
    public boolean has(Head h) {
        return weights[h.ordinal()] != null;
    }

    /** Trains on n training-split portraits of {@code dataSeed} (64 px renders), SGD for {@code epochs}. */
    public static AttributeProbe train(long dataSeed, int n, int epochs) {
        return train(dataSeed, n, epochs, Head.TEMPLATE);
    }

    /**
     * As {@link #train(long, int, int)} for the given heads; heads train in enum order from one
     * random source, so the template heads come out the same whatever else is trained.
     */
    public static AttributeProbe train(long dataSeed, int n, int epochs, java.util.Set<Head> heads) {
        float[][] x = new float[n][];
        Attributes[] y = new Attributes[n];
        int[] indices = new int[n];
        for (int i = 0, idx = 0; i < n; i++, idx++) indices[i] = idx = PortraitData.nextTrainIndex(idx);
        // rendering is most of the cost; each render depends on (seed, index) alone, so any order gives the same probe
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            Sample s = PortraitData.portrait(dataSeed, indices[i], PortraitData.LARGE);
            x[i] = features(s.image());
            y[i] = s.attributes();
        });
        return fit(x, y, dataSeed, epochs, heads);
    }

    /**
     * A probe for one person of a scene: trained on n people of training-split scenes rendered at
     * width × height, each read off its own column as {@link SceneRegions#squares} crops it (64 px).
     * A portrait-trained probe reads those crops near chance (gender 58%, hair colour 46% on real
     * renders): a half-body figure in a scene is framed unlike a head-and-shoulders portrait.
     */
    public static AttributeProbe trainOnScenes(long dataSeed, int n, int epochs, int width, int height) {
        float[][] x = new float[n][];
        Attributes[] y = new Attributes[n];
        int i = 0;
        for (int idx = 0; i < n; idx++) {
            idx = PortraitData.nextTrainIndex(idx);
            Sample s = PortraitData.scene(dataSeed, idx, width, height);
            List<BufferedImage> people =
                    SceneRegions.squares(s.image(), s.people().size(), PortraitData.LARGE);
            for (int p = 0; p < people.size() && i < n; p++, i++) {
                x[i] = features(people.get(p));
                y[i] = s.people().get(p);
            }
        }
        return fit(x, y, dataSeed, epochs, Head.TEMPLATE);
    }

    /** Softmax regression per head, SGD over the examples in a shuffled order per epoch. */
    private static AttributeProbe fit(float[][] x, Attributes[] y, long seed, int epochs, java.util.Set<Head> heads) {
        int n = x.length;
        AttributeProbe p = new AttributeProbe();
        Random rnd = new Random(seed);
        for (Head h : Head.values()) {
            if (!heads.contains(h)) continue;
            int k = classes(h);
            float[][] w = new float[k][FEATURES];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            for (int e = 0; e < epochs; e++) {
                float lr = 0.05f * (1 - (float) e / epochs) + 0.002f;
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int i : order) {
                    float[] prob = softmax(w, x[i]);
                    int target = label(h, y[i]);
                    for (int c = 0; c < k; c++) {
                        float g = prob[c] - (c == target ? 1 : 0);
                        if (Math.abs(g) < 1e-4f) continue;
                        float[] wc = w[c];
                        for (int f = 0; f < FEATURES; f++) wc[f] -= lr * (g * x[i][f] + 1e-4f * wc[f]);
                    }
                }
            }
            p.weights[h.ordinal()] = w;
        }
        return p;
    }

    /** The predicted class index of one head. */
    public int predict(Head h, BufferedImage img) {
        float[] prob = softmax(weights[h.ordinal()], features(img));
        int best = 0;
        for (int c = 1; c < prob.length; c++) if (prob[c] > prob[best]) best = c;
        return best;
    }

    /** Fraction of images whose predicted class matches the attributes, per head (NaN for heads not trained). */
    public double[] accuracy(List<BufferedImage> images, List<Attributes> truth) {
        double[] acc = new double[Head.values().length];
        for (int i = 0; i < images.size(); i++) {
            for (Head h : Head.values())
                if (has(h) && predict(h, images.get(i)) == label(h, truth.get(i))) acc[h.ordinal()]++;
        }
        for (Head h : Head.values()) acc[h.ordinal()] = has(h) ? acc[h.ordinal()] / images.size() : Double.NaN;
        return acc;
    }

    /** {@link #accuracy} on the first n validation-split portraits of data seed {@code seed}, rendered now. */
    public double[] accuracyOnRenders(long seed, int n) {
        List<BufferedImage> images = new java.util.ArrayList<>();
        List<Attributes> truth = new java.util.ArrayList<>();
        for (int index : PortraitData.validationIndices(n)) {
            Sample s = PortraitData.portrait(seed, index, PortraitData.LARGE);
            images.add(s.image());
            truth.add(s.attributes());
        }
        return accuracy(images, truth);
    }

    /** Box-filters any square image to 16×16 and scales channels to [−1, 1], then appends a bias 1. */
    static float[] features(BufferedImage img) {
        int s = img.getWidth(), cell = s / GRID;
        int[] rgb = img.getRGB(0, 0, s, s, null, 0, s); // one call: per-pixel getRGB dominated the cost
        float[] f = new float[FEATURES];
        for (int gy = 0; gy < GRID; gy++) {
            for (int gx = 0; gx < GRID; gx++) {
                float r = 0, g = 0, b = 0;
                for (int y = gy * cell; y < (gy + 1) * cell; y++) {
                    for (int x = gx * cell; x < (gx + 1) * cell; x++) {
                        int p = rgb[y * s + x];
                        r += (p >> 16) & 255;
                        g += (p >> 8) & 255;
                        b += p & 255;
                    }
                }
                float norm = 127.5f * cell * cell;
                int i = 3 * (gy * GRID + gx);
                f[i] = r / norm - 1;
                f[i + 1] = g / norm - 1;
                f[i + 2] = b / norm - 1;
            }
        }
        int region = s / REGIONS, k = PALETTE.length + 1;
        float share = 1f / (region * region);
        // a render has a few hundred distinct colours in its 4,096 pixels: look each one up once
        java.util.Map<Integer, Integer> nearest = new java.util.HashMap<>();
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int base = RAW + ((y / region) * REGIONS + x / region) * k;
                f[base + nearest.computeIfAbsent(rgb[y * s + x], AttributeProbe::nearest)] += share;
            }
        }
        f[FEATURES - 1] = 1;
        return f;
    }

    private static int[] palette() {
        List<Integer> c = new java.util.ArrayList<>();
        for (Attributes.HairColour h : Attributes.HairColour.values()) c.add(h.rgb);
        for (Attributes.Colour h : Attributes.Colour.values()) c.add(h.rgb);
        for (Attributes.SkinTone h : Attributes.SkinTone.values()) c.add(h.rgb);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Index of the nearest palette colour, or PALETTE.length when none is within {@link #CLOSE}. */
    private static int nearest(int rgb) {
        int best = PALETTE.length;
        double bestD = CLOSE;
        for (int i = 0; i < PALETTE.length; i++) {
            double d = Attributes.Colour.distance(PALETTE[i], rgb);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static float[] softmax(float[][] w, float[] x) {
        float[] z = new float[w.length];
        float max = -Float.MAX_VALUE;
        for (int c = 0; c < w.length; c++) {
            float s = 0;
            for (int f = 0; f < x.length; f++) s += w[c][f] * x[f];
            z[c] = s;
            max = Math.max(max, s);
        }
        float sum = 0;
        for (int c = 0; c < z.length; c++) sum += z[c] = (float) Math.exp(z[c] - max);
        for (int c = 0; c < z.length; c++) z[c] /= sum;
        return z;
    }
}

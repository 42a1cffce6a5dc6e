package lemon.mini.eval;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import lemon.mini.pipelines.SceneRegions;
import lemon.util.Vectors;

/**
 * The storyboard measurement's metrics (issue 9), on embeddings and verdicts already computed, so
 * they are checked on hand-made numbers:
 *
 * <ul>
 *   <li><b>within-character consistency</b>: a painted character's crop (column i of k, {@link
 *       #crops}) against the mean embedding of that character's initial portraits, cosine;
 *   <li><b>distinctness</b>: whether that crop is nearest to its own character's reference among the
 *       story's characters (identification accuracy), and its mean cosine to the others';
 *   <li><b>multi-character success</b>: of the pictures with two or more painted characters, those
 *       where the validator counts as many people as were painted.
 * </ul>
 */
public final class StoryboardMetrics {
    private StoryboardMetrics() {}

    /** One painted character's crop, scored against the story's references. */
    public record CropScore(String characterId, double own, double others, String nearest) {
        public boolean identified() {
            return characterId.equals(nearest);
        }
    }

    /**
     * Scores a crop of {@code characterId}: cosine to its own reference, mean cosine to the other
     * characters' references (NaN when the story has no other), and the character whose reference
     * is nearest (ties: the first in {@code references}' order).
     */
    public static CropScore score(String characterId, float[] crop, Map<String, float[]> references) {
        float[] mine = references.get(characterId);
        if (mine == null) throw new IllegalArgumentException("no reference for character " + characterId);
        double own = Vectors.cosine(crop, mine), others = 0, best = Double.NEGATIVE_INFINITY;
        int n = 0;
        String nearest = null;
        for (var e : references.entrySet()) {
            double c = Vectors.cosine(crop, e.getValue());
            if (c > best) {
                best = c;
                nearest = e.getKey();
            }
            if (!e.getKey().equals(characterId)) {
                others += c;
                n++;
            }
        }
        return new CropScore(characterId, own, n == 0 ? Double.NaN : others / n, nearest);
    }

    /**
     * One method's lead over another, story by story (or run by run): the mean of the differences,
     * its standard error (NaN with fewer than two) and how many differences are above zero. What
     * tells a lead from the tale-to-tale and seed-to-seed noise, which the pooled numbers alone hide.
     */
    public record Lead(int n, double mean, double standardError, int above) {
        /** The lead of some differences, NaN ones (nothing measured) left out. */
        public static Lead of(List<Double> differences) {
            double[] d = differences.stream()
                    .filter(x -> x != null && !Double.isNaN(x))
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            if (d.length == 0) return new Lead(0, Double.NaN, Double.NaN, 0);
            double mean = java.util.Arrays.stream(d).average().orElseThrow(), ss = 0;
            int above = 0;
            for (double x : d) {
                ss += (x - mean) * (x - mean);
                above += x > 0 ? 1 : 0;
            }
            double se = d.length < 2 ? Double.NaN : Math.sqrt(ss / (d.length - 1) / d.length);
            return new Lead(d.length, mean, se, above);
        }

        /** Whether the lead is more than twice its standard error either way. */
        public boolean decisive() {
            return !Double.isNaN(standardError) && Math.abs(mean) > 2 * standardError;
        }
    }

    /** The mean of some embeddings: a character's reference from its portraits. */
    public static float[] mean(List<float[]> embeddings) {
        if (embeddings.isEmpty()) throw new IllegalArgumentException("no embeddings to average");
        float[] m = new float[embeddings.get(0).length];
        for (float[] e : embeddings) {
            if (e.length != m.length)
                throw new IllegalArgumentException("embeddings of " + m.length + " and " + e.length + " dimensions");
            for (int i = 0; i < m.length; i++) m[i] += e[i];
        }
        for (int i = 0; i < m.length; i++) m[i] /= embeddings.size();
        return m;
    }

    /**
     * A refinement's within-character portrait spreads ({@code spreadBefore}/{@code spreadAfter} of
     * refinement.json, per character) as one number: their mean; NaN when there are none.
     */
    public static double meanSpread(Map<String, Double> spreads) {
        return spreads == null || spreads.isEmpty()
                ? Double.NaN
                : spreads.values().stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(Double.NaN);
    }

    /**
     * The k painted characters of a scene picture, left to right, as square PNGs ({@link
     * SceneRegions#squares} at the picture's height: one column of k each).
     */
    public static List<byte[]> crops(byte[] scenePng, int people) {
        List<byte[]> out = new ArrayList<>(people);
        for (BufferedImage square : cropImages(read(scenePng), people)) out.add(png(square));
        return out;
    }

    /** The same crops as images (what the attribute probe reads), of a picture already decoded. */
    public static List<BufferedImage> cropImages(BufferedImage scene, int people) {
        return SceneRegions.squares(scene, people, scene.getHeight());
    }

    /** The same crops of a PNG. */
    public static List<BufferedImage> cropImages(byte[] scenePng, int people) {
        return cropImages(read(scenePng), people);
    }

    /** Everything measured of one method (on one story, or pooled): add scores and verdicts, read a summary. */
    public static final class Tally {
        private int crops, identified, othersCounted, multi, multiOk, pictures, countOk;
        private double own, others;

        public Tally add(CropScore s) {
            crops++;
            own += s.own();
            identified += s.identified() ? 1 : 0;
            if (!Double.isNaN(s.others())) {
                others += s.others();
                othersCounted++;
            }
            return this;
        }

        /**
         * A picture's validator verdict: a success when the validator saw exactly as many people as
         * were painted (on-stage count matching, every picture), and among the multi-character ones
         * when {@code painted} ≥ 2.
         */
        public Tally picture(int painted, int seen) {
            pictures++;
            countOk += seen == painted ? 1 : 0;
            if (painted >= 2) {
                multi++;
                multiOk += seen == painted ? 1 : 0;
            }
            return this;
        }

        public Tally addAll(Tally other) {
            crops += other.crops;
            identified += other.identified;
            othersCounted += other.othersCounted;
            multi += other.multi;
            multiOk += other.multiOk;
            pictures += other.pictures;
            countOk += other.countOk;
            own += other.own;
            others += other.others;
            return this;
        }

        public Summary summary() {
            return new Summary(
                    crops,
                    crops == 0 ? Double.NaN : own / crops,
                    crops == 0 ? Double.NaN : (double) identified / crops,
                    othersCounted == 0 ? Double.NaN : others / othersCounted,
                    multi,
                    multiOk,
                    multi == 0 ? Double.NaN : (double) multiOk / multi,
                    pictures,
                    countOk,
                    pictures == 0 ? Double.NaN : (double) countOk / pictures);
        }

        public static Tally of(Collection<Tally> tallies) {
            Tally t = new Tally();
            tallies.forEach(t::addAll);
            return t;
        }
    }

    /**
     * One method's numbers: NaN where nothing was there to measure.
     *
     * @param consistency     mean cosine of a crop to its own character's reference
     * @param identification  fraction of crops nearest to their own character's reference
     * @param otherCosine     mean cosine of a crop to the other characters' references
     * @param multiPictures   pictures with two or more painted characters
     * @param multiOk         of those, the ones where the validator counted as many people as painted
     * @param multiSuccess    multiOk / multiPictures
     * @param pictures        pictures whose people were counted
     * @param countOk         of those, the ones where the validator counted as many people as painted
     * @param countMatch      countOk / pictures
     */
    public record Summary(
            int crops,
            double consistency,
            double identification,
            double otherCosine,
            int multiPictures,
            int multiOk,
            double multiSuccess,
            int pictures,
            int countOk,
            double countMatch) {}

    /** A PNG decoded; IllegalArgumentException when it is not an image. */
    public static BufferedImage read(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) throw new IllegalArgumentException("not an image (" + png.length + " bytes)");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ImageIO.write(img, "png", buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

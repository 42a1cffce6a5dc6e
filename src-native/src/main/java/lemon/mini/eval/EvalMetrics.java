package lemon.mini.eval;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.util.Vectors;

/**
 * The evaluation's metrics beyond {@link StoryboardMetrics} (issue 10), on embeddings already
 * computed, so each is checked on hand-made numbers:
 *
 * <ul>
 *   <li><b>style consistency</b>: mean CLIP cosine between the pictures of one story (ViStoryBench
 *       scores style with a style encoder; CLIP-mini is the only image encoder here, so content
 *       shared by two pictures counts too);
 *   <li><b>copy-paste</b>: a character's crop whose pixels correlate with one of its portraits' by
 *       {@link #COPY_CORRELATION} or more: a scene that pastes a reference rather than painting the
 *       person anew. In pixels, as CLIP-mini reads attributes (two renders of one person from other
 *       noise score 0.98 there), and strict, as the mini world draws one person nearly alike in every
 *       portrait (0.97 between two portraits' pixels): only a crop that is one portrait counts;
 *   <li><b>portrait coherence</b> and <b>distinctness</b>: mean cosine between one character's
 *       portraits, and 1 − mean cosine between portraits of different characters of a story;
 *   <li><b>paired comparison</b> of two methods over stories: the mean per-story difference, its spread
 *       and whether the mean is larger than two standard errors.
 * </ul>
 */
public final class EvalMetrics {
    private EvalMetrics() {}

    /** A crop whose pixels correlate this much with one portrait's counts as copied. */
    public static final double COPY_CORRELATION = 0.99;

    /** Mean cosine over all unordered pairs; NaN for fewer than two. */
    public static double meanPairwiseCosine(List<float[]> embeddings) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < embeddings.size(); i++)
            for (int j = i + 1; j < embeddings.size(); j++) {
                sum += Vectors.cosine(embeddings.get(i), embeddings.get(j));
                n++;
            }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Whether {@code crop} is a near-copy of any of {@code portraits} (correlation ≥ {@link #COPY_CORRELATION}). */
    public static boolean copied(BufferedImage crop, List<BufferedImage> portraits) {
        for (BufferedImage p : portraits) if (pixelCorrelation(crop, p) >= COPY_CORRELATION) return true;
        return false;
    }

    /** Pearson correlation of the RGB values of two images, {@code a} scaled to {@code b}'s size. */
    public static double pixelCorrelation(BufferedImage a, BufferedImage b) {
        int w = b.getWidth(), h = b.getHeight();
        BufferedImage s = a;
        if (a.getWidth() != w || a.getHeight() != h) {
            s = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = s.createGraphics();
            g.setRenderingHint(
                    java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(a, 0, 0, w, h, null);
            g.dispose();
        }
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int p = s.getRGB(x, y), q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    double u = (p >> shift) & 0xFF, v = (q >> shift) & 0xFF;
                    sx += u;
                    sy += v;
                    sxx += u * u;
                    syy += v * v;
                    sxy += u * v;
                    n++;
                }
            }
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        return vx <= 0 || vy <= 0 ? (vx == vy ? 1 : 0) : cov / Math.sqrt(vx * vy);
    }

    /** Mean over characters with two or more portraits of their mean pairwise cosine; NaN when none has two. */
    public static double portraitCoherence(Map<String, List<float[]>> portraitsByCharacter) {
        double sum = 0;
        int n = 0;
        for (List<float[]> own : portraitsByCharacter.values()) {
            double c = meanPairwiseCosine(own);
            if (Double.isNaN(c)) continue;
            sum += c;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** 1 − mean cosine over every pair of portraits of two different characters; NaN with one character. */
    public static double portraitDistinctness(Map<String, List<float[]>> portraitsByCharacter) {
        List<List<float[]>> groups = new ArrayList<>(portraitsByCharacter.values());
        double sum = 0;
        long n = 0;
        for (int a = 0; a < groups.size(); a++)
            for (int b = a + 1; b < groups.size(); b++)
                for (float[] x : groups.get(a))
                    for (float[] y : groups.get(b)) {
                        sum += Vectors.cosine(x, y);
                        n++;
                    }
        return n == 0 ? Double.NaN : 1 - sum / n;
    }

    /**
     * Two methods compared story by story (a story's number: the mean over its seeds; NaN pairs left out).
     *
     * @param meanDifference mean of a − b over the stories
     * @param sd             the per-story differences' sample standard deviation (NaN for one story)
     * @param wins           stories where a is above b
     * @param seedSpread     the seed-to-seed spread of a − b: the mean over stories of its standard deviation
     *                       across seeds (NaN with one seed)
     * @param decisive       |mean| larger than two standard errors over stories (about a 95% paired test) and,
     *                       with several seeds, larger than the seed-to-seed spread
     */
    public record Paired(int stories, double meanDifference, double sd, int wins, double seedSpread, boolean decisive) {
        public double standardError() {
            return stories < 2 ? Double.NaN : sd / Math.sqrt(stories);
        }
    }

    /** One seed per story. */
    public static Paired paired(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " and " + b.length + " stories");
        List<double[]> as = new ArrayList<>(), bs = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            as.add(new double[] {a[i]});
            bs.add(new double[] {b[i]});
        }
        return paired(as, bs);
    }

    /** {@code a.get(story)[seed]} against {@code b.get(story)[seed]}. */
    public static Paired paired(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) throw new IllegalArgumentException(a.size() + " and " + b.size() + " stories");
        List<Double> d = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        int wins = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).length != b.get(i).length)
                throw new IllegalArgumentException(
                        "story " + i + ": " + a.get(i).length + " and " + b.get(i).length + " seeds");
            double[] diff = new double[a.get(i).length];
            for (int s = 0; s < diff.length; s++) diff[s] = a.get(i)[s] - b.get(i)[s];
            double[] m = meanAndSd(diff);
            if (Double.isNaN(m[0])) continue;
            d.add(m[0]);
            if (m[0] > 0) wins++;
            if (!Double.isNaN(m[1])) spreads.add(m[1]);
        }
        int n = d.size();
        if (n == 0) return new Paired(0, Double.NaN, Double.NaN, 0, Double.NaN, false);
        double[] m = meanAndSd(d.stream().mapToDouble(Double::doubleValue).toArray());
        double spread = spreads.isEmpty()
                ? Double.NaN
                : spreads.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        boolean decisive =
                n > 1 && Math.abs(m[0]) > 2 * m[1] / Math.sqrt(n) && (Double.isNaN(spread) || Math.abs(m[0]) > spread);
        return new Paired(n, m[0], m[1], wins, spread, decisive);
    }

    /** Mean and sample standard deviation of the finite values; NaNs when there are none (sd: fewer than two). */
    public static double[] meanAndSd(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values)
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        if (n == 0) return new double[] {Double.NaN, Double.NaN};
        double mean = sum / n, ss = 0;
        for (double v : values) if (!Double.isNaN(v)) ss += (v - mean) * (v - mean);
        return new double[] {mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1))};
    }

    /**
     * Ground-truth identity (issue 10): per attribute, how many painted people of characters whose
     * description states it were read by the attribute probe as stated, and how many people had
     * every stated attribute right.
     */
    public static final class Truth {
        private final int[] stated, right;
        private int people, allRight;

        public Truth(int heads) {
            stated = new int[heads];
            right = new int[heads];
        }

        /**
         * One painted person: {@code want[h]} the stated class of head h or −1, {@code read[h]} the
         * probe's reading (ignored where nothing is stated). A person with nothing stated is not counted.
         */
        public Truth person(int[] want, int[] read) {
            boolean any = false, all = true;
            for (int h = 0; h < stated.length; h++) {
                if (want[h] < 0) continue;
                any = true;
                stated[h]++;
                if (want[h] == read[h]) right[h]++;
                else all = false;
            }
            if (any) {
                people++;
                if (all) allRight++;
            }
            return this;
        }

        public Truth addAll(Truth o) {
            for (int h = 0; h < stated.length; h++) {
                stated[h] += o.stated[h];
                right[h] += o.right[h];
            }
            people += o.people;
            allRight += o.allRight;
            return this;
        }

        /** Accuracy of head h over the people whose description states it; NaN when none does. */
        public double accuracy(int h) {
            return stated[h] == 0 ? Double.NaN : (double) right[h] / stated[h];
        }

        public int stated(int h) {
            return stated[h];
        }

        /** People with every stated attribute read as stated, of those with any stated. */
        public double allRight() {
            return people == 0 ? Double.NaN : (double) allRight / people;
        }

        public int people() {
            return people;
        }
    }
}

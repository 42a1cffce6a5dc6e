package lemon.mini.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.mini.pipelines.ContactSheet;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.render.Attributes;
import lemon.mini.render.DescriptionAttributes;
import lemon.mini.training.AttributeProbe.Head;

/**
 * How faithfully the portrait model paints the descriptions describe-characters writes (issue 14):
 * each description's stated attributes ({@link DescriptionAttributes}) against what {@link
 * AttributeProbe} reads off its portraits, per attribute over the descriptions that state it, next
 * to unconditional samples from the same start noise (chance for these descriptions) and to the
 * template-caption figure of {@link EvalDiffusion} (the model on its own caption register).
 */
public final class EvalDescriptions {
    private EvalDescriptions() {}

    /** One character's description from one story. */
    public record Described(String story, String character, String description) {}

    /**
     * Options: portraits per description, template captions, weights (null: committed), where the
     * per-description table goes (null: none), and how to sample (steps, guidance, rescale).
     */
    public record Options(
            int portraits,
            int templateCaptions,
            long seed,
            Path weights,
            Path table,
            PortraitPipeline.Sampling sampling) {
        public static Options defaults() {
            return new Options(4, 200, 1, null, null, PortraitPipeline.Sampling.DEFAULT);
        }
    }

    /** Per head: stated count and hits on descriptions, on unconditional samples. */
    public record Tally(int[] stated, int[] conditional, int[] unconditional, int portraits) {
        public double accuracy(Head h) {
            return stated[h.ordinal()] == 0
                    ? Double.NaN
                    : conditional[h.ordinal()] / (double) (stated[h.ordinal()] * portraits);
        }

        public double unconditionalAccuracy(Head h) {
            return stated[h.ordinal()] == 0
                    ? Double.NaN
                    : unconditional[h.ordinal()] / (double) (stated[h.ordinal()] * portraits);
        }
    }

    /** The class index a description states for head h, or −1 when it does not state it. */
    public static int stated(Head h, DescriptionAttributes a) {
        Enum<?> v = value(h, a);
        return v == null ? -1 : v.ordinal();
    }

    /** What a description states for head h, or null. */
    private static Enum<?> value(Head h, DescriptionAttributes a) {
        return switch (h) {
            case GENDER -> a.gender();
            case HAIR -> a.hair();
            case CLOTHING -> a.clothing();
            case AGE -> a.age();
            case FACIAL_HAIR -> a.facialHair();
            case HEADWEAR -> a.headwear();
            case SKIN -> a.skin();
        };
    }

    /** Counts, per head, portraits whose probe reading equals the stated class (rows: one description each). */
    public static Tally tally(
            AttributeProbe probe,
            List<DescriptionAttributes> stated,
            List<List<BufferedImage>> conditional,
            List<List<BufferedImage>> unconditional) {
        int k = Head.values().length, portraits = conditional.get(0).size();
        int[] n = new int[k], c = new int[k], u = new int[k];
        for (int d = 0; d < stated.size(); d++) {
            for (Head h : Head.values()) {
                int want = stated(h, stated.get(d));
                if (want < 0 || !probe.has(h)) continue;
                n[h.ordinal()]++;
                for (BufferedImage img : conditional.get(d)) if (probe.predict(h, img) == want) c[h.ordinal()]++;
                for (BufferedImage img : unconditional.get(d)) if (probe.predict(h, img) == want) u[h.ordinal()]++;
            }
        }
        return new Tally(n, c, u, portraits);
    }

    /**
     * Paints {@code o.portraits()} portraits per description (seed o.seed() + 100·d + j, as one
     * portrait per seed in a run) and the unconditional ones from the same seeds, prints the table
     * and writes {@code sheet} (the descriptions whose story is {@code sheetStory}) when not null.
     */
    public static Tally run(List<Described> all, Options o, String sheetStory, Path sheet, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        AttributeProbe probe = AttributeProbe.forDescriptions();
        out.printf(
                Locale.ROOT, "probe (all heads) trained on 6000 renders in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        List<DescriptionAttributes> stated = all.stream()
                .map(d -> DescriptionAttributes.parse(d.description()))
                .toList();
        try (PortraitPipeline gen =
                o.weights() == null ? PortraitPipeline.loadDefault() : PortraitPipeline.load(o.weights())) {
            t0 = System.nanoTime();
            List<List<BufferedImage>> cond = new ArrayList<>(), uncond = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            for (int d = 0; d < all.size(); d++) {
                for (int j = 0; j < o.portraits(); j++) {
                    texts.add(all.get(d).description());
                    seeds.add(o.seed() + 100L * d + j);
                }
            }
            List<BufferedImage> c = paint(gen, texts, seeds, o.sampling(), "from the descriptions", out),
                    u = paint(gen, Collections.nCopies(texts.size(), ""), seeds, o.sampling(), "unconditional", out);
            for (int d = 0; d < all.size(); d++) {
                cond.add(c.subList(d * o.portraits(), (d + 1) * o.portraits()));
                uncond.add(u.subList(d * o.portraits(), (d + 1) * o.portraits()));
            }
            double paintS = (System.nanoTime() - t0) / 1e9;
            Tally t = tally(probe, stated, cond, uncond);
            if (o.table() != null) writeTable(o.table(), gen, probe, all, stated, cond);
            EvalDiffusion.Result template = o.templateCaptions() > 0
                    ? EvalDiffusion.evaluate(gen, probe, o.templateCaptions(), 25, 1000, o.sampling())
                    : null;
            long stories = all.stream().map(Described::story).distinct().count();
            out.printf(
                    Locale.ROOT,
                    "%d descriptions from %d stories, %d portraits each (%s, UNet trained %d steps), painted in %.1f s%n",
                    all.size(),
                    stories,
                    o.portraits(),
                    o.sampling(),
                    gen.trainedSteps(),
                    paintS);
            out.printf(
                    Locale.ROOT,
                    "%-16s %7s %13s %14s %17s %13s%n",
                    "attribute",
                    "stated",
                    "descriptions",
                    "unconditional",
                    "template captions",
                    "real renders");
            for (Head h : Head.values()) {
                out.printf(
                        Locale.ROOT,
                        "%-16s %7d %12s %14s %17s %13s%n",
                        h.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        t.stated()[h.ordinal()],
                        pct(t.accuracy(h)),
                        pct(t.unconditionalAccuracy(h)),
                        template == null ? "-" : pct(template.conditional()[h.ordinal()]),
                        template == null ? "-" : pct(template.realRenders()[h.ordinal()]));
            }
            for (Head h : List.of(Head.HAIR, Head.CLOTHING, Head.HEADWEAR))
                if (probe.has(h)) confusion(out, probe, h, stated, cond);
            if (template != null) { // the same on the model's own caption register, to tell the model from the register
                out.println("on the held-out template captions:");
                List<DescriptionAttributes> said = template.captionsUsed().stream()
                        .map(DescriptionAttributes::parse)
                        .toList();
                List<List<BufferedImage>> each =
                        template.generated().stream().map(List::of).toList();
                for (Head h : List.of(Head.HAIR, Head.CLOTHING)) confusion(out, probe, h, said, each);
            }
            long hwColour =
                    stated.stream().filter(s -> s.headwearColour() != null).count();
            out.printf(
                    Locale.ROOT,
                    "headwear colour stated in %d descriptions; the world paints each headwear in one fixed colour, "
                            + "so it is not measured%n",
                    hwColour);
            if (sheet != null) {
                List<String> labels = new ArrayList<>();
                List<List<BufferedImage>> rows = new ArrayList<>();
                for (int d = 0; d < all.size(); d++) {
                    if (!all.get(d).story().equals(sheetStory)) continue;
                    labels.add(all.get(d).character() + ": " + all.get(d).description() + "  [read: "
                            + readings(probe, cond.get(d)) + "]");
                    rows.add(cond.get(d));
                    out.printf(
                            Locale.ROOT,
                            "  %s: stated %s; read %s%n",
                            all.get(d).character(),
                            statedWords(stated.get(d)),
                            readings(probe, cond.get(d)));
                }
                if (!rows.isEmpty()) {
                    ContactSheet.write(ContactSheet.described(labels, rows, 2), sheet);
                    out.println("contact sheet of " + sheetStory + ": " + sheet);
                }
            }
            return t;
        }
    }

    /**
     * One row per description, tab-separated: story, character, the description, the words the
     * model reads of it, what it states and what the probe reads most often off its portraits, so
     * a miss can be traced to its wording.
     */
    static void writeTable(
            Path file,
            PortraitPipeline gen,
            AttributeProbe probe,
            List<Described> all,
            List<DescriptionAttributes> stated,
            List<List<BufferedImage>> portraits)
            throws IOException {
        StringBuilder sb = new StringBuilder("story\tcharacter\tdescription\tmodel reads\tstated\tread\n");
        for (int d = 0; d < all.size(); d++) {
            Described x = all.get(d);
            for (String cell : List.of(
                    x.story(),
                    x.character(),
                    x.description(),
                    gen.normalise(x.description()),
                    statedWords(stated.get(d)),
                    readings(probe, portraits.get(d))))
                sb.append(cell.replaceAll("[\\t\\n]", " ")).append('\t');
            sb.setCharAt(sb.length() - 1, '\n');
        }
        if (file.getParent() != null) java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, sb);
    }

    /** Per stated class of head h: how many descriptions state it and what the probe reads off their portraits. */
    static void confusion(
            PrintStream out,
            AttributeProbe probe,
            Head h,
            List<DescriptionAttributes> stated,
            List<List<BufferedImage>> portraits) {
        Object[] names = null;
        Map<Integer, int[]> reads = new java.util.TreeMap<>();
        Map<Integer, Integer> descriptions = new java.util.TreeMap<>();
        for (int d = 0; d < stated.size(); d++) {
            int want = stated(h, stated.get(d));
            if (want < 0) continue;
            if (names == null) names = classOf(h, stated.get(d)).getEnumConstants();
            int[] row = reads.computeIfAbsent(want, k -> new int[64]);
            descriptions.merge(want, 1, Integer::sum);
            for (BufferedImage img : portraits.get(d)) row[probe.predict(h, img)]++;
        }
        if (names == null) return;
        out.printf(
                Locale.ROOT,
                "%s as stated → as read off the portraits:%n",
                h.name().toLowerCase(Locale.ROOT));
        for (var e : reads.entrySet()) {
            int total = java.util.Arrays.stream(e.getValue()).sum();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < e.getValue().length; i++) if (e.getValue()[i] > 0) order.add(i);
            order.sort((x, y) -> e.getValue()[y] - e.getValue()[x]);
            StringBuilder line = new StringBuilder();
            for (int i : order.subList(0, Math.min(4, order.size())))
                line.append(String.format(Locale.ROOT, " %s %.0f%%", name(names, i), 100.0 * e.getValue()[i] / total));
            out.printf(
                    Locale.ROOT,
                    "  %-10s (%3d descriptions):%s%n",
                    name(names, e.getKey()),
                    descriptions.get(e.getKey()),
                    line);
        }
    }

    private static String name(Object[] names, int i) {
        return i < names.length ? names[i].toString().toLowerCase(Locale.ROOT) : "#" + i;
    }

    private static Class<? extends Enum<?>> classOf(Head h, DescriptionAttributes a) {
        @SuppressWarnings("unchecked")
        Class<? extends Enum<?>> c = (Class<? extends Enum<?>>) value(h, a).getDeclaringClass();
        return c;
    }

    /** Paints in batches of 16, printing a line about every tenth of the way (minutes of work). */
    private static List<BufferedImage> paint(
            PortraitPipeline gen,
            List<String> texts,
            List<Long> seeds,
            PortraitPipeline.Sampling sampling,
            String what,
            PrintStream log) {
        List<BufferedImage> out = new ArrayList<>();
        int reported = 0;
        for (int from = 0; from < texts.size(); from += 16) {
            int to = Math.min(texts.size(), from + 16);
            out.addAll(gen.generateEach(texts.subList(from, to), seeds.subList(from, to), sampling));
            if (to == texts.size() || to - reported >= texts.size() / 10) {
                log.printf(Locale.ROOT, "painted %d/%d portraits %s%n", to, texts.size(), what);
                reported = to;
            }
        }
        return out;
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    /** The words of what a description states, in head order ("male, red hair, …"). */
    static String statedWords(DescriptionAttributes a) {
        List<String> w = new ArrayList<>();
        for (Head h : Head.values()) {
            int s = stated(h, a);
            if (s >= 0) w.add(h.name().toLowerCase(Locale.ROOT) + "=" + className(h, s));
        }
        if (a.headwearColour() != null)
            w.add("headwear colour=" + a.headwearColour().word());
        return String.join(", ", w);
    }

    /** The probe's most frequent reading per head over a description's portraits. */
    static String readings(AttributeProbe probe, List<BufferedImage> imgs) {
        List<String> w = new ArrayList<>();
        for (Head h : Head.values()) {
            if (!probe.has(h)) continue;
            int[] votes = new int[AttributeProbe.classes(h)];
            for (BufferedImage img : imgs) votes[probe.predict(h, img)]++;
            int best = 0;
            for (int i = 1; i < votes.length; i++) if (votes[i] > votes[best]) best = i;
            w.add(h.name().toLowerCase(Locale.ROOT) + "=" + className(h, best) + " " + votes[best] + "/" + imgs.size());
        }
        return String.join(", ", w);
    }

    private static String className(Head h, int i) {
        Enum<?>[] v = switch (h) {
            case GENDER -> Attributes.Gender.values();
            case HAIR -> Attributes.HairColour.values();
            case CLOTHING -> Attributes.Colour.values();
            case AGE -> Attributes.Age.values();
            case FACIAL_HAIR -> Attributes.FacialHair.values();
            case HEADWEAR -> Attributes.Headwear.values();
            case SKIN -> Attributes.SkinTone.values();
        };
        return v[i].name().toLowerCase(Locale.ROOT);
    }
}

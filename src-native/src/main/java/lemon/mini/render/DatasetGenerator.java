package lemon.mini.render;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Generates lemon-mini training data: portraits and multi-person scenes with captions. Sample i
 * of a run depends only on (seed, i), so streams can be split, parallelised or regenerated; the
 * train/validation split depends only on i, so it is the same for every seed.
 */
public final class DatasetGenerator {
    public static final double VALIDATION_FRACTION = 0.1;
    public static final double DEFAULT_SCENE_FRACTION = 0.25;

    private DatasetGenerator() {}

    /** n samples, a quarter of them scenes, all size×size. */
    public static Stream<Sample> samples(long seed, int n, int size) {
        return samples(seed, n, size, DEFAULT_SCENE_FRACTION, size, size);
    }

    public static Stream<Sample> samples(
            long seed, int n, int size, double sceneFraction, int sceneWidth, int sceneHeight) {
        return IntStream.range(0, n).mapToObj(i -> sample(seed, i, size, sceneFraction, sceneWidth, sceneHeight));
    }

    /** Validation membership by a hash of the index alone. */
    public static boolean isValidation(long index) {
        return Long.remainderUnsigned(mix(index ^ 0x7F4A7C15L), 1000) < VALIDATION_FRACTION * 1000;
    }

    public static Sample sample(long seed, int index, int size, double sceneFraction, int sceneWidth, int sceneHeight) {
        long s = mix(seed * 0x9E3779B97F4A7C15L + index);
        Random r = new Random(s);
        boolean validation = isValidation(index);
        if (r.nextDouble() >= sceneFraction) {
            Attributes a = Attributes.random(r);
            String caption = Captions.portraitCaption(a, r);
            return new Sample(
                    PortraitRenderer.render(a, s, size),
                    a,
                    List.of(a),
                    caption,
                    Sample.Kind.PORTRAIT,
                    validation,
                    s,
                    null,
                    null);
        }
        int k = pickCount(r);
        Action action = Action.values()[r.nextInt(Action.values().length)];
        if (k == 1 && action.item() != null) action = Action.STAND_TOGETHER;
        Layout layout = k == 1 && action != Action.LISTEN_SEATED ? Layout.SIDE_BY_SIDE : action.defaultLayout();
        Attributes first = Attributes.random(r);
        List<Attributes> people = new ArrayList<>();
        people.add(first);
        for (int i = 1; i < k; i++)
            people.add(Attributes.random(r).withStyle(first.style()).withBackground(first.background()));
        String caption = Captions.sceneCaption(people, action, r);
        return new Sample(
                SceneRenderer.render(people, layout, action, first.background().name(), s, sceneWidth, sceneHeight),
                null,
                List.copyOf(people),
                caption,
                Sample.Kind.SCENE,
                validation,
                s,
                layout,
                action);
    }

    private static int pickCount(Random r) {
        int x = r.nextInt(100);
        return x < 15 ? 1 : x < 70 ? 2 : 3;
    }

    /** Writes n samples as PNGs plus one labels.jsonl line each. */
    public static void write(Path dir, long seed, int n, int size) throws IOException {
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            int[] i = {0};
            for (Sample smp : (Iterable<Sample>) samples(seed, n, size)::iterator) {
                String file = String.format(Locale.ROOT, "%06d.png", i[0]++);
                ImageIO.write(smp.image(), "png", dir.resolve(file).toFile());
                out.write(labelJson(file, smp));
                out.write('\n');
            }
        }
    }

    /** One labels.jsonl line. Hand-written JSON keeps this module free of a JSON dependency. */
    public static String labelJson(String file, Sample s) {
        StringBuilder b = new StringBuilder("{");
        field(b, "file", file).append(',');
        field(b, "kind", s.kind().name().toLowerCase(Locale.ROOT)).append(',');
        field(b, "split", s.validation() ? "validation" : "train").append(',');
        b.append("\"seed\":").append(s.seed()).append(',');
        b.append("\"width\":")
                .append(s.image().getWidth())
                .append(",\"height\":")
                .append(s.image().getHeight())
                .append(',');
        field(b, "caption", s.caption()).append(',');
        b.append("\"people_count\":").append(s.people().size()).append(',');
        b.append("\"genders\":[");
        for (int i = 0; i < s.people().size(); i++)
            b.append(i > 0 ? "," : "")
                    .append('"')
                    .append(s.people().get(i).gender().name().toLowerCase(Locale.ROOT))
                    .append('"');
        b.append("],");
        if (s.kind() == Sample.Kind.SCENE) {
            field(b, "layout", s.layout().name()).append(',');
            field(b, "action", s.action().name()).append(',');
        }
        b.append("\"people\":[");
        for (int i = 0; i < s.people().size(); i++)
            b.append(i > 0 ? "," : "").append(attributesJson(s.people().get(i)));
        return b.append("]}").toString();
    }

    public static String attributesJson(Attributes a) {
        StringBuilder b = new StringBuilder("{");
        var comps = Attributes.class.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            try {
                Object v = comps[i].getAccessor().invoke(a);
                field(b, comps[i].getName(), ((Enum<?>) v).name());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (i < comps.length - 1) b.append(',');
        }
        return b.append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"');
    }

    /** SplitMix64 finaliser: turns nearby integers into unrelated ones. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

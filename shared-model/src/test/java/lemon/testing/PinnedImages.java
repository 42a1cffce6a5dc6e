package lemon.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Pins of painted images that hold on any x86 CPU. A PNG's bytes cannot be pinned across machines:
 * libtorch's kernels differ by instruction set and cache sizes, and the same model on an AVX2 and an
 * AVX-512 machine painted portraits whose channels differed by at most 2 levels in under 1% of the
 * values. What is pinned is each image's size and the mean of every channel over an 8×8 grid of
 * cells, compared within {@link #TOLERANCE} levels: a change of model, seed, prompt or sampler moves
 * cells by tens of levels, the machine by a fraction of one.
 *
 * <p>Pins live in a text resource, one image per line: {@code name WxH hex}. On a mismatch the test
 * writes what it got beside the build ({@code target/pinned-images/}) and says so: a deliberate change
 * copies that file over the resource in the same commit.
 */
public final class PinnedImages {
    static final int GRID = 8;
    /** Levels (0–255) a cell mean may move; see the class comment for the measured spread. */
    public static final int TOLERANCE = 3;

    private PinnedImages() {}

    /** Size and 8×8 cell means of an image. */
    public record Signature(int width, int height, byte[] cells) {
        public static Signature of(byte[] png) {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
                if (image == null) throw new IllegalArgumentException("not an image (" + png.length + " bytes)");
                return of(image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Signature of(BufferedImage image) {
            int w = image.getWidth(), h = image.getHeight();
            byte[] cells = new byte[GRID * GRID * 3];
            for (int gy = 0; gy < GRID; gy++)
                for (int gx = 0; gx < GRID; gx++) {
                    int x0 = gx * w / GRID, x1 = Math.max(x0 + 1, (gx + 1) * w / GRID);
                    int y0 = gy * h / GRID, y1 = Math.max(y0 + 1, (gy + 1) * h / GRID);
                    long[] sum = new long[3];
                    for (int y = y0; y < Math.min(y1, h); y++)
                        for (int x = x0; x < Math.min(x1, w); x++) {
                            int rgb = image.getRGB(x, y);
                            sum[0] += (rgb >> 16) & 255;
                            sum[1] += (rgb >> 8) & 255;
                            sum[2] += rgb & 255;
                        }
                    long n = (long) (Math.min(y1, h) - y0) * (Math.min(x1, w) - x0);
                    for (int c = 0; c < 3; c++)
                        cells[(gy * GRID + gx) * 3 + c] = (byte) Math.round((double) sum[c] / n);
                }
            return new Signature(w, h, cells);
        }

        static Signature parse(String text) {
            String[] parts = text.strip().split("\\s+");
            String[] size = parts[0].split("x");
            return new Signature(
                    Integer.parseInt(size[0]),
                    Integer.parseInt(size[1]),
                    HexFormat.of().parseHex(parts[1]));
        }

        /** The largest difference of a cell mean, or {@link Integer#MAX_VALUE} for images of another size. */
        public int distance(Signature other) {
            if (width != other.width || height != other.height || cells.length != other.cells.length)
                return Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i < cells.length; i++)
                max = Math.max(max, Math.abs((cells[i] & 255) - (other.cells[i] & 255)));
            return max;
        }

        @Override
        public String toString() {
            return width + "x" + height + " " + HexFormat.of().formatHex(cells);
        }
    }

    /** The pins of a resource next to {@code owner} (name → signature), in file order. */
    public static Map<String, Signature> load(Class<?> owner, String resource) {
        Map<String, Signature> pins = new LinkedHashMap<>();
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) return pins;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int space = line.indexOf(' ');
                pins.put(line.substring(0, space), Signature.parse(line.substring(space + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pins;
    }

    /**
     * Fails unless the images (name → PNG bytes) are the pinned ones: the same names, sizes and cell
     * means within the tolerance. The message names each image that moved and by how much.
     */
    public static void assertPinned(Class<?> owner, String resource, Map<String, byte[]> pngs) {
        Map<String, Signature> actual = new TreeMap<>();
        pngs.forEach((name, png) -> actual.put(name, Signature.of(png)));
        assertPinnedSignatures(owner, resource, actual);
    }

    public static void assertPinnedSignatures(Class<?> owner, String resource, Map<String, Signature> actual) {
        Map<String, Signature> pinned = load(owner, resource);
        List<String> problems = new ArrayList<>();
        for (var e : pinned.entrySet()) {
            Signature got = actual.get(e.getKey());
            if (got == null) problems.add(e.getKey() + ": missing");
            else {
                int d = e.getValue().distance(got);
                if (d > TOLERANCE)
                    problems.add(e.getKey() + ": "
                            + (d == Integer.MAX_VALUE
                                    ? "size " + got.width() + "x" + got.height()
                                    : "moved " + d + " levels"));
            }
        }
        for (String name : actual.keySet()) if (!pinned.containsKey(name)) problems.add(name + ": not pinned");
        if (problems.isEmpty()) return;
        Path written = write(owner, resource, actual);
        fail(problems.size() + " image(s) differ from the pins in " + resource + " (tolerance " + TOLERANCE
                + " levels): " + String.join("; ", problems) + ". What this run painted is in " + written
                + "; a deliberate change copies it over the resource.");
    }

    private static Path write(Class<?> owner, String resource, Map<String, Signature> actual) {
        StringBuilder text = new StringBuilder("# name WxH 8x8 cell means (RGB), see lemon.testing.PinnedImages\n");
        actual.forEach((name, sig) -> text.append(name).append(' ').append(sig).append('\n'));
        Path file = Path.of("target", "pinned-images", owner.getPackageName().replace('.', '/'), resource);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toAbsolutePath();
    }
}

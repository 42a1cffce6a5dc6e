package lemon.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import lemon.testing.PinnedImages.Signature;
import org.junit.jupiter.api.Test;

class PinnedImagesTest {
    static BufferedImage noise(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, r.nextInt(1 << 24));
        return image;
    }

    /** What another CPU's kernels did: one level up or down in a few percent of the values. */
    static BufferedImage jitter(BufferedImage src, long seed) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < src.getHeight(); y++)
            for (int x = 0; x < src.getWidth(); x++) {
                int rgb = src.getRGB(x, y), moved = 0;
                for (int s = 0; s < 24; s += 8) {
                    int v = (rgb >> s) & 255;
                    if (r.nextInt(100) < 3) v = Math.max(0, Math.min(255, v + (r.nextBoolean() ? 2 : -2)));
                    moved |= v << s;
                }
                out.setRGB(x, y, moved);
            }
        return out;
    }

    static byte[] png(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void aSignatureSurvivesItsTextAndToleratesAnotherMachinesRounding() throws IOException {
        BufferedImage a = noise(64, 64, 1);
        Signature sig = Signature.of(png(a));
        assertEquals(0, Signature.parse(sig.toString()).distance(sig));
        assertTrue(sig.distance(Signature.of(jitter(a, 2))) <= PinnedImages.TOLERANCE);
        assertTrue(sig.distance(Signature.of(noise(64, 64, 3))) > PinnedImages.TOLERANCE, "another image");
        assertEquals(Integer.MAX_VALUE, sig.distance(Signature.of(noise(32, 64, 1))), "another size");
    }

    @Test
    void aPinFileIsCheckedNameByNameAndWhatMovedIsWrittenOut() throws IOException {
        BufferedImage a = noise(16, 16, 4), b = noise(16, 16, 5);
        // the resource beside this class pins a and b as they are painted here
        PinnedImages.assertPinned(getClass(), "pinned-images-test.txt", Map.of("a", png(a), "b", png(jitter(b, 6))));
        AssertionError moved = assertThrows(
                AssertionError.class,
                () -> PinnedImages.assertPinned(
                        getClass(), "pinned-images-test.txt", Map.of("a", png(b), "c", png(a))));
        assertTrue(moved.getMessage().contains("a: moved"), moved.getMessage());
        assertTrue(moved.getMessage().contains("b: missing"), moved.getMessage());
        assertTrue(moved.getMessage().contains("c: not pinned"), moved.getMessage());
        Path written = Path.of("target/pinned-images/lemon/testing/pinned-images-test.txt");
        assertTrue(Files.readString(written).contains("\nc 16x16 "), "what the run painted is written out");
    }
}

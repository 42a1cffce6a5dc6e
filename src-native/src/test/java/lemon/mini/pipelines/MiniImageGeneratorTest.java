package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
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
    void learnedTokensAreRefusedNotPaintedAsWords() {
        var token = new lemon.port.ImageGenerator.LearnedToken(new float[] {0.1f, 0.2f}, null);
        Request personal = new Request("a photo of <s1> in the forest", 3, java.util.Map.of("<s1>", token));
        var e = assertThrows(
                UnsupportedOperationException.class, () -> new MiniImageGenerator().generate(List.of(personal)));
        assertTrue(e.getMessage().contains("<s1>"), e.getMessage());
    }

    private static double meanChannelDiff(BufferedImage a, BufferedImage b) {
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

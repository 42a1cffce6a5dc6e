package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {
    @TempDir
    Path dir;

    @Test
    void drawsOnePanelPerCurveAndSkipsNonFiniteLosses() throws Exception {
        LossCurves curves = new LossCurves();
        for (int s = 1; s <= 500; s++) {
            curves.add("unet", s, 1.0 / s + 0.01);
            curves.add("clip", s, 2.0 / Math.sqrt(s));
        }
        curves.add("unet", 501, Double.NaN);
        assertEquals(500, curves.points("unet"));
        Path png = dir.resolve("loss.png");
        curves.write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(840, img.getWidth());
        // the falling curve ends lower in its panel than it starts
        int red = 0xC0392B;
        int firstY = -1, lastY = -1;
        for (int x = 60; x < 410; x++) {
            for (int y = 28; y < 226; y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == red) {
                    if (firstY < 0) {
                        firstY = y;
                    }
                    lastY = y;
                    break;
                }
            }
        }
        assertTrue(firstY >= 0 && lastY > firstY, "first " + firstY + " last " + lastY);
    }

    @Test
    void progressBarPrintsRateTimeLeftAndLoss() {
        var buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), "unet", 200, false);
        String line = bar.render(50, 0.1234, 10);
        assertTrue(
                line.contains("25%")
                        && line.contains("50/200")
                        && line.contains("5.0 steps/s")
                        && line.contains("0:30 left")
                        && line.contains("loss 0.1234"),
                line);
        for (int i = 1; i <= 200; i++) {
            bar.update(i, 0.5);
        }
        long lines = buf.toString(StandardCharsets.UTF_8).lines().count();
        assertTrue(lines >= 20 && lines <= 21, "a line every 5% in logs, got " + lines);
        assertNotEquals(0, lines);
    }
}

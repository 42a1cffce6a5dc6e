package lemon.mini.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import lemon.mini.render.Attributes.Background;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.Style;
import org.junit.jupiter.api.Test;

class PortraitRendererTest {

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** Mean colour of the pixels in [x0,x1)×[y0,y1), given as fractions of the image size. */
    static int meanColour(BufferedImage img, double x0, double x1, double y0, double y1) {
        long r = 0, g = 0, b = 0, n = 0;
        for (int y = (int) (y0 * img.getHeight()); y < (int) Math.ceil(y1 * img.getHeight()); y++)
            for (int x = (int) (x0 * img.getWidth()); x < (int) Math.ceil(x1 * img.getWidth()); x++) {
                int c = img.getRGB(x, y);
                r += (c >> 16) & 255;
                g += (c >> 8) & 255;
                b += c & 255;
                n++;
            }
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    @Test
    void sameAttributesAndSeedGiveIdenticalPixelsAndOtherSeedsDiffer() {
        Random r = new Random(42);
        for (int i = 0; i < 20; i++) {
            Attributes a = Attributes.random(r);
            for (int size : new int[] {32, 64}) {
                int[] first = pixels(PortraitRenderer.render(a, 1000 + i, size));
                assertArrayEquals(first, pixels(PortraitRenderer.render(a, 1000 + i, size)), a.toString());
                assertFalse(Arrays.equals(first, pixels(PortraitRenderer.render(a, 2000 + i, size))), a.toString());
            }
        }
    }

    @Test
    void headRegionIsPaintedOverPlainBackground() {
        Random r = new Random(7);
        for (Background bg : new Background[] {
            Background.PLAIN_SAGE, Background.PLAIN_BLUE, Background.PLAIN_GREY, Background.PLAIN_LILAC
        }) {
            for (int i = 0; i < 25; i++) {
                Attributes a = Attributes.random(r).withBackground(bg).withStyle(Style.FLAT);
                int back = Canvas.plainColour(bg).getRGB() & 0xFFFFFF;
                for (int size : new int[] {32, 64}) {
                    BufferedImage img = PortraitRenderer.render(a, i, size);
                    int painted = 0, total = 0;
                    for (int y = (int) (0.36 * size); y < (int) (0.56 * size); y++)
                        for (int x = (int) (0.40 * size); x < (int) (0.60 * size); x++, total++)
                            if (Colour.distance(img.getRGB(x, y) & 0xFFFFFF, back) > 30) painted++;
                    assertTrue(painted > 0.8 * total, "head region mostly background at " + size + " px: " + a);
                }
            }
        }
    }

    @Test
    void clothingColourDominatesTheLowerThirdInBothStylesAndSizes() {
        Random r = new Random(11);
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            Attributes a = Attributes.random(r).withStyle(i % 2 == 0 ? Style.FLAT : Style.WATERCOLOUR);
            for (int size : new int[] {32, 64}) {
                BufferedImage img = PortraitRenderer.render(a, i, size);
                Colour seen = Colour.nearest(meanColour(img, 0.40, 0.60, 0.84, 0.98));
                assertEquals(a.clothingColour(), seen, "at " + size + " px, seed " + i + ": " + a);
                checked++;
            }
        }
        assertEquals(600, checked);
    }

    @Test
    void rendersAtOddSizesWithoutFailing() {
        Attributes a = Attributes.random(new Random(3));
        for (int size : new int[] {16, 48, 100, 128}) {
            BufferedImage img = PortraitRenderer.render(a, 5, size);
            assertEquals(size, img.getWidth());
            assertEquals(size, img.getHeight());
        }
        assertTrue(new Color(PortraitRenderer.render(a, 5, 64).getRGB(32, 60)).getAlpha() == 255);
    }
}

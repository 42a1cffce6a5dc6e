package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneRegionsTest {
    private static final int[] COLOURS = {0xFF0000, 0x00FF00, 0x0000FF};

    @Test
    void equalColumnsCoverTheSceneLeftToRight() {
        assertEquals(List.of(new Rectangle(0, 0, 128, 64)), SceneRegions.columns(128, 64, 1));
        assertEquals(
                List.of(new Rectangle(0, 0, 64, 64), new Rectangle(64, 0, 64, 64)), SceneRegions.columns(128, 64, 2));
        assertEquals(
                List.of(new Rectangle(0, 0, 43, 64), new Rectangle(43, 0, 42, 64), new Rectangle(85, 0, 43, 64)),
                SceneRegions.columns(128, 64, 3));
        assertThrows(IllegalArgumentException.class, () -> SceneRegions.columns(128, 64, 0));
    }

    @Test
    void cropsAreTheColumnsPixels() {
        BufferedImage scene = striped(3);
        List<BufferedImage> crops = SceneRegions.crop(scene, 3);
        assertEquals(3, crops.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(64, crops.get(i).getHeight());
            assertEquals(COLOURS[i], onlyColour(crops.get(i)), "column " + i);
        }
        assertEquals(43, crops.get(0).getWidth());
    }

    @Test
    void squaresWidenANarrowColumnWithItsOwnEdgesAndKeepAWideOnesMiddle() {
        List<BufferedImage> three = SceneRegions.squares(striped(3), 3, 64);
        for (int i = 0; i < 3; i++) {
            assertEquals(64, three.get(i).getWidth());
            assertEquals(64, three.get(i).getHeight());
            assertEquals(COLOURS[i], onlyColour(three.get(i)), "no neighbour's pixels in person " + i + "'s square");
        }
        // one person: a 128×64 scene whose middle half is marked; the square is exactly that middle
        BufferedImage one = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) for (int x = 32; x < 96; x++) one.setRGB(x, y, 0xABCDEF);
        assertEquals(0xABCDEF, onlyColour(SceneRegions.squares(one, 1, 64).get(0)));
        BufferedImage small = SceneRegions.squares(one, 1, 32).get(0);
        assertEquals(32, small.getWidth(), "resized to the size asked for");
    }

    /** A 128×64 scene whose k columns are painted in distinct colours. */
    private static BufferedImage striped(int k) {
        BufferedImage img = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        List<Rectangle> cols = SceneRegions.columns(128, 64, k);
        for (int i = 0; i < k; i++) {
            Rectangle r = cols.get(i);
            for (int y = r.y; y < r.y + r.height; y++)
                for (int x = r.x; x < r.x + r.width; x++) img.setRGB(x, y, COLOURS[i]);
        }
        return img;
    }

    /** The colour every pixel has; fails when they differ. */
    private static int onlyColour(BufferedImage img) {
        int c = img.getRGB(0, 0) & 0xFFFFFF;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++)
                assertEquals(c, img.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
        return c;
    }
}

package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.training.TestEnv;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {
    static {
        TestEnv.init();
    }

    @Test
    void channelsFirstInMinusOneToOne() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0000); // red
        img.setRGB(3, 1, 0xFFFFFF); // white; everything else black
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = ImageTensors.image(m, img);
            assertEquals(new Shape(3, 2, 4), x.getShape());
            float[] d = x.toFloatArray();
            assertEquals(1f, d[0]); // R plane, (0,0)
            assertEquals(-1f, d[8]); // G plane, (0,0)
            assertEquals(1f, d[7]); // R plane, (3,1)
            assertEquals(1f, d[16 + 7]); // B plane, (3,1)
            assertEquals(-1f, d[1]);
        }
    }

    @Test
    void batchesOfRendersAreInRange() {
        List<BufferedImage> imgs =
                DatasetGenerator.samples(3, 5, 32).map(s -> s.image()).toList();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray x = ImageTensors.batch(m, imgs);
            assertEquals(new Shape(5, 3, 32, 32), x.getShape());
            assertTrue(x.min().getFloat() >= -1f && x.max().getFloat() <= 1f);
            assertTrue(x.max().getFloat() - x.min().getFloat() > 1f, "renders are not flat");
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> ImageTensors.batch(
                        Engine.getEngine("PyTorch").newBaseManager(),
                        List.of(imgs.get(0), new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))));
        assertEquals(16, ImageTensors.fit(imgs.get(0), 16).getWidth());
    }
}

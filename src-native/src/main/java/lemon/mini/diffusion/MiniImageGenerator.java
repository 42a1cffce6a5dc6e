package lemon.mini.diffusion;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lemon.port.ImageGenerator;

/**
 * The ImageGenerator port over the bundled lemon-mini diffusion model. The model is loaded on
 * first use; each seed gives one 64×64 portrait, so a recorded seed reproduces its picture.
 */
public final class MiniImageGenerator implements ImageGenerator {
    private PortraitGenerator generator;

    private synchronized PortraitGenerator generator() {
        if (generator == null) {
            try {
                generator = PortraitGenerator.loadDefault();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the lemon-mini diffusion model: " + e.getMessage(), e);
            }
        }
        return generator;
    }

    @Override
    public String name() {
        return "lemon-mini-diffusion (32×32 pixel DDIM " + PortraitGenerator.DEFAULT_STEPS + " steps, CFG "
                + PortraitGenerator.DEFAULT_GUIDANCE + ", learned 2× upsampler; " + generator().trainedSteps()
                + " training steps)";
    }

    @Override
    public List<byte[]> generate(String description, List<Long> seeds) {
        List<byte[]> out = new ArrayList<>();
        for (long seed : seeds) {
            BufferedImage img = generator().generate(description, 1, seed).get(0);
            out.add(png(img));
        }
        return out;
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ImageIO.write(img, "png", buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package lemon.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lemon.port.ImageGenerator;

/**
 * A stand-in text-to-image model for stage tests: a tiny PNG whose colour is a hash of the
 * request, so the same request gives the same bytes and different requests differ. It records
 * every request it was asked for.
 */
public final class FixedImageGenerator implements ImageGenerator {
    private final List<Request> requests = new ArrayList<>();

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String name() {
        return "fixed-image-generator";
    }

    @Override
    public synchronized List<byte[]> generate(List<Request> batch) {
        List<byte[]> out = new ArrayList<>();
        for (Request r : batch) {
            requests.add(r);
            int rgb = (r.description().hashCode() * 31 + Long.hashCode(r.seed())) & 0xFFFFFF;
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    image.setRGB(x, y, rgb);
                }
            }
            var png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(png.toByteArray());
        }
        return out;
    }
}

package lemon.mini.pipelines;

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
 * first use; each request's seed sets its start noise, so a recorded seed reproduces its 64×64
 * portrait ({@code lemon generate "<description>" --seed S -n 1} draws it again).
 */
public final class MiniImageGenerator implements ImageGenerator {
    private final PortraitPipeline.Sampling sampling;
    private PortraitPipeline generator;

    public MiniImageGenerator() {
        this(PortraitPipeline.Sampling.DEFAULT);
    }

    public MiniImageGenerator(PortraitPipeline.Sampling sampling) {
        this.sampling = sampling;
    }

    private synchronized PortraitPipeline generator() {
        if (generator == null) {
            try {
                generator = PortraitPipeline.loadDefault();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the lemon-mini diffusion model: " + e.getMessage(), e);
            }
        }
        return generator;
    }

    @Override
    public String name() {
        return "lemon-mini-diffusion (32×32 pixels, " + sampling + ", learned 2× upsampler; "
                + generator().trainedSteps() + " training steps)";
    }

    /** Portraits per sampling batch: on 2 CPU cores a batch of 16 costs about a third per portrait of single ones. */
    static final int BATCH = 16;

    private static final System.Logger LOG = System.getLogger(MiniImageGenerator.class.getName());

    @Override
    public List<byte[]> generate(List<Request> requests) {
        for (Request r : requests) {
            if (!r.tokens().isEmpty()) {
                // painting "<s1>" as a word would look like success; personalised sampling comes with the personalize
                // stage
                throw new UnsupportedOperationException("the lemon-mini generator cannot use learned tokens yet "
                        + r.tokens().keySet() + "; it paints plain descriptions only");
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<Request> part = requests.subList(from, Math.min(requests.size(), from + BATCH));
            List<BufferedImage> imgs = generator()
                    .generateEach(
                            part.stream().map(Request::description).toList(),
                            part.stream().map(Request::seed).toList(),
                            sampling);
            for (BufferedImage img : imgs) out.add(png(img));
            if (requests.size() > BATCH)
                LOG.log(System.Logger.Level.INFO, "painted {0} of {1} portraits", out.size(), requests.size());
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

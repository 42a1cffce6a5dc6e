package lemon.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import lemon.pipeline.Pipeline;
import lemon.port.Checkpoints;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.port.Personalizer;
import lemon.story.Gender;

/**
 * Quick stand-ins for the loop's GPU engines in tests of the workflow's structure (the ledger, the
 * Choice loop, resume): deterministic and instant. The real engines are tested in src-native and
 * end to end.
 */
public final class LoopStandIns {
    private LoopStandIns() {}

    public static Pipeline.LoopEngines engines() {
        return new Pipeline.LoopEngines(
                new CountingPersonalizer(), new ColourValidator(), new ColourScorer(), -1, 0.05);
    }

    /** Tokens from a hash of the character id and the number of training images; counts its calls. */
    public static class CountingPersonalizer implements Personalizer {
        public final AtomicInteger calls = new AtomicInteger();
        public final List<Request> requests = new ArrayList<>();

        @Override
        public String name() {
            return "counting-personalizer";
        }

        @Override
        public synchronized Result personalize(Request r, Checkpoints checkpoints) {
            calls.incrementAndGet();
            requests.add(r);
            Map<String, ImageGenerator.LearnedToken> tokens = new HashMap<>();
            r.portraits()
                    .forEach((id, pngs) -> tokens.put(
                            id,
                            new ImageGenerator.LearnedToken(
                                    new float[] {
                                        id.hashCode(), pngs.size(), r.pairs().size()
                                    },
                                    null)));
            int generation =
                    r.startFrom() == null ? 1 : ByteBuffer.wrap(r.startFrom()).getInt() + 1;
            return new Result(
                    tokens,
                    Map.of("steps", 1, "generation", generation),
                    Map.of(),
                    ByteBuffer.allocate(4).putInt(generation).array());
        }
    }

    /** People and genders read from the picture's colour: the same picture, the same verdict. */
    public static final class ColourValidator implements CompatibilityValidator {
        @Override
        public String name() {
            return "colour-validator";
        }

        @Override
        public Verdict inspect(byte[] png) {
            int h = Arrays.hashCode(png) & 0x7fffffff;
            int people = 1 + h % 3;
            List<Gender> g = new ArrayList<>();
            for (int i = 0; i < people; i++) g.add(((h >> (4 + i)) & 1) == 0 ? Gender.MALE : Gender.FEMALE);
            return new Verdict(people, g, 0.9);
        }
    }

    /** A picture's embedding is its mean colour; a text's a hash. Normalised. */
    public static final class ColourScorer implements ImageTextScorer {
        @Override
        public String name() {
            return "colour-scorer";
        }

        @Override
        public float[][] embedImages(List<byte[]> pngs) {
            float[][] out = new float[pngs.size()][];
            for (int i = 0; i < out.length; i++) out[i] = normalise(meanColour(pngs.get(i)));
            return out;
        }

        @Override
        public float[][] embedTexts(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                int h = texts.get(i).hashCode();
                out[i] = normalise(new float[] {1 + (h & 0xff), 1 + ((h >> 8) & 0xff), 1 + ((h >> 16) & 0xff), 1});
            }
            return out;
        }

        private static float[] meanColour(byte[] png) {
            try {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                float[] m = new float[4];
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int p = img.getRGB(x, y);
                        m[0] += (p >> 16) & 0xff;
                        m[1] += (p >> 8) & 0xff;
                        m[2] += p & 0xff;
                    }
                }
                m[3] = 1;
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static float[] normalise(float[] v) {
            double n = 0;
            for (float f : v) n += f * f;
            float[] out = v.clone();
            for (int i = 0; i < out.length; i++) out[i] /= (float) Math.sqrt(n);
            return out;
        }
    }
}

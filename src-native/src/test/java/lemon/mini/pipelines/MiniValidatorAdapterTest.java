package lemon.mini.pipelines;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lemon.mini.render.DatasetGenerator;
import lemon.mini.render.Sample;
import lemon.mini.training.PortraitData;
import lemon.port.CompatibilityValidator.Verdict;
import org.junit.jupiter.api.Test;

/** The committed validator on scenes the size the generator paints them (128×64), not squares. */
class MiniValidatorAdapterTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    /** A data seed no training run used; validation-split indices only. */
    static final long FRESH_SEED = 4242;

    @Test
    void countsThePeopleOfRealScenesAtTheGeneratorsSize() throws Exception {
        List<Sample> scenes = scenes(90, 128, 64);
        int[] right = new int[4], total = new int[4];
        int genders = 0, gendersRight = 0;
        try (MiniValidatorAdapter v = MiniValidatorAdapter.bundled()) {
            List<Verdict> verdicts =
                    v.inspect(scenes.stream().map(Sample::image).toList());
            for (int i = 0; i < scenes.size(); i++) {
                Sample s = scenes.get(i);
                Verdict verdict = verdicts.get(i);
                int k = s.people().size();
                total[k]++;
                if (verdict.people() == k) right[k]++;
                assertEquals(verdict.people(), verdict.genders().size(), verdict.toString());
                assertTrue(verdict.confidence() > 0 && verdict.confidence() <= 1, verdict.toString());
                for (int p = 0; p < Math.min(k, verdict.genders().size()); p++, genders++)
                    if (verdict.genders()
                            .get(p)
                            .name()
                            .equals(s.people().get(p).gender().name())) gendersRight++;
            }
            System.out.printf(
                    "128×64 scenes counted right: 1 person %d/%d, 2 people %d/%d, 3 people %d/%d; genders %d/%d%n",
                    right[1], total[1], right[2], total[2], right[3], total[3], gendersRight, genders);
            for (int k = 1; k <= 3; k++) {
                assertTrue(total[k] >= 5, "the sample has scenes of " + k);
                assertTrue(right[k] >= 0.8 * total[k], k + " people: " + right[k] + " of " + total[k]);
            }
            assertTrue(gendersRight >= 0.8 * genders, "genders " + gendersRight + " of " + genders);

            // a PNG through the port reads as the image does
            Verdict fromPng = v.inspect(png(scenes.get(0).image()));
            assertEquals(verdicts.get(0).people(), fromPng.people());
            assertEquals(verdicts.get(0).genders(), fromPng.genders());
        }
    }

    @Test
    void aBatchOfSquaresAndScenesAnswersInOrderAsEachKindAlone() throws Exception {
        List<BufferedImage> squares = new ArrayList<>(), wide = new ArrayList<>();
        for (Sample s : scenes(4, 64, 64)) squares.add(s.image());
        for (Sample s : scenes(4, 128, 64)) wide.add(s.image());
        List<BufferedImage> mixed = List.of(squares.get(0), wide.get(0), wide.get(1), squares.get(1));
        try (MiniValidatorAdapter v = MiniValidatorAdapter.bundled()) {
            List<Verdict> alone = new ArrayList<>(v.inspect(squares.subList(0, 2)));
            List<Verdict> scenes = v.inspect(wide.subList(0, 2));
            List<Verdict> got = v.inspect(mixed);
            assertEquals(List.of(alone.get(0), scenes.get(0), scenes.get(1), alone.get(1)), got);
        }
    }

    /** The first n held-out scenes of the fresh seed at width × height. */
    static List<Sample> scenes(int n, int width, int height) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++)
            if (DatasetGenerator.isValidation(i)) out.add(PortraitData.scene(FRESH_SEED, i, width, height));
        return out;
    }

    static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ImageIO.write(img, "png", buf);
        return buf.toByteArray();
    }
}

package lemon.mini.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import lemon.mini.pipelines.MiniClipScorer;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.render.Attributes;
import lemon.mini.render.PortraitRenderer;
import lemon.mini.render.Sample;
import lemon.mini.training.PortraitData;
import lemon.mini.training.TestEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's metrics on the bundled CLIP-mini and validator over mini-world renders whose
 * answers are known: identification is perfect on scenes pasted from the right characters' portraits
 * and collapses when the portraits are swapped between characters; count matching follows the true
 * people counts; copy-paste flags a pasted portrait and not a repainted one.
 */
class EvalMetricsOnRendersTest {
    static {
        TestEnv.init();
    }

    static MiniClipScorer clip;
    static final int SIZE = PortraitData.LARGE;
    /** Four characters unlike each other, each rendered from several seeds (poses, backgrounds). */
    static final List<Attributes> PEOPLE = new ArrayList<>();

    @BeforeAll
    static void load() {
        clip = MiniClipScorer.bundled();
        Random r = new Random(11);
        while (PEOPLE.size() < 4) {
            Attributes a = Attributes.random(r);
            if (PEOPLE.stream()
                    .noneMatch(p -> p.gender() == a.gender() && p.hairColour() == a.hairColour()
                            || p.clothingColour() == a.clothingColour())) PEOPLE.add(a);
        }
    }

    static BufferedImage portrait(int person, int take) {
        return PortraitRenderer.render(PEOPLE.get(person), 1000L * person + take, SIZE);
    }

    /** Portraits side by side on a scene canvas: person i in column i, as crops are cut. */
    static byte[] pasted(BufferedImage... people) {
        BufferedImage scene = new BufferedImage(SIZE * people.length, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scene.createGraphics();
        for (int i = 0; i < people.length; i++) g.drawImage(people[i], SIZE * i, 0, null);
        g.dispose();
        return png(scene);
    }

    /** Each character's reference: the mean CLIP embedding of its portraits, takes 0–2. */
    static Map<String, float[]> references(int[] whose) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int c = 0; c < whose.length; c++) {
            List<byte[]> pngs = new ArrayList<>();
            for (int take = 0; take < 3; take++) pngs.add(png(portrait(whose[c], take)));
            out.put("c" + c, StoryboardMetrics.mean(List.of(clip.embedImages(pngs))));
        }
        return out;
    }

    @Test
    void identificationIsPerfectOnPastedPortraitsAndCollapsesWhenThePortraitsAreSwapped() {
        StoryboardMetrics.Tally right = new StoryboardMetrics.Tally(), swapped = new StoryboardMetrics.Tally();
        Map<String, float[]> refs = references(new int[] {0, 1, 2, 3});
        Map<String, float[]> refsSwapped = references(new int[] {1, 0, 3, 2});
        for (int a = 0; a < 4; a += 2) {
            // scenes from takes 3 and 4, which the references never saw: people pasted, not pictures reused
            for (int take = 3; take < 5; take++) {
                byte[] scene = pasted(portrait(a, take), portrait(a + 1, take));
                List<String> ids = List.of("c" + a, "c" + (a + 1));
                float[][] crops = clip.embedImages(StoryboardMetrics.crops(scene, 2));
                for (int i = 0; i < 2; i++) {
                    right.add(StoryboardMetrics.score(ids.get(i), crops[i], refs));
                    swapped.add(StoryboardMetrics.score(ids.get(i), crops[i], refsSwapped));
                }
            }
        }
        assertEquals(1.0, right.summary().identification(), "every crop nearest its own character");
        assertTrue(
                swapped.summary().identification() <= 0.25,
                "swapped portraits: at or below chance (1/4): "
                        + swapped.summary().identification());
        assertTrue(right.summary().consistency() > swapped.summary().consistency());
    }

    @Test
    void countMatchingFollowsTheTrueCounts() throws Exception {
        MiniValidatorAdapter validator = MiniValidatorAdapter.bundled();
        StoryboardMetrics.Tally truth = new StoryboardMetrics.Tally(), offByOne = new StoryboardMetrics.Tally();
        for (int i : PortraitData.validationIndices(24)) {
            Sample s = PortraitData.scene(7, i, 2 * SIZE, SIZE);
            int seen = validator.inspect(png(s.image())).people();
            truth.picture(s.people().size(), seen);
            offByOne.picture(s.people().size() % 3 + 1, seen); // a claimed count that is never the true one
        }
        assertTrue(
                truth.summary().countMatch() >= 0.8,
                "renders with known counts: " + truth.summary().countMatch());
        assertTrue(
                offByOne.summary().countMatch() <= 0.2,
                "claimed counts that are wrong: " + offByOne.summary().countMatch());
    }

    @Test
    void copyPasteFlagsAPastedPortraitAndNotTheSamePersonRepainted() {
        List<BufferedImage> own = List.of(portrait(0, 0), portrait(0, 1));
        List<BufferedImage> pastedCrops = StoryboardMetrics.cropImages(pasted(portrait(0, 0), portrait(1, 0)), 2);
        assertTrue(EvalMetrics.copied(pastedCrops.get(0), own), "the pasted portrait is flagged");
        assertFalse(EvalMetrics.copied(pastedCrops.get(1), own), "another character is not");
        // the same two people painted as a scene paints them (half-body, the scene's framing)
        BufferedImage scene = lemon.mini.render.SceneRenderer.render(
                List.of(PEOPLE.get(0), PEOPLE.get(1)),
                lemon.mini.render.Layout.FACING,
                lemon.mini.render.Action.TALK,
                "forest",
                5,
                2 * SIZE,
                SIZE);
        BufferedImage repainted = StoryboardMetrics.cropImages(png(scene), 2).get(0);
        assertFalse(
                EvalMetrics.copied(repainted, own),
                "the same person painted in a scene: correlation "
                        + Math.max(
                                EvalMetrics.pixelCorrelation(repainted, own.get(0)),
                                EvalMetrics.pixelCorrelation(repainted, own.get(1))));
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ImageIO.write(img, "png", buf);
            return buf.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

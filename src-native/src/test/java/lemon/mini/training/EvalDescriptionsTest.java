package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lemon.mini.render.DescriptionAttributes;
import lemon.mini.render.Sample;
import lemon.mini.training.AttributeProbe.Head;
import org.junit.jupiter.api.Test;

class EvalDescriptionsTest {
    /** Real renders scored against their own captions beat the same renders against a neighbour's. */
    @Test
    void tallyCountsStatedAttributesOnly() {
        AttributeProbe probe = AttributeProbe.train(7, 1500, 5);
        List<DescriptionAttributes> stated = new ArrayList<>();
        List<List<BufferedImage>> own = new ArrayList<>(), other = new ArrayList<>();
        List<Sample> renders = new ArrayList<>();
        for (int i : PortraitData.validationIndices(60))
            renders.add(PortraitData.portrait(2026, i, PortraitData.LARGE));
        for (int i = 0; i < renders.size(); i++) {
            stated.add(DescriptionAttributes.parse(renders.get(i).caption()));
            own.add(List.of(renders.get(i).image()));
            other.add(List.of(renders.get((i + 1) % renders.size()).image()));
        }
        EvalDescriptions.Tally t = EvalDescriptions.tally(probe, stated, own, other);
        assertEquals(60, t.stated()[Head.GENDER.ordinal()]);
        assertEquals(60, t.stated()[Head.CLOTHING.ordinal()]);
        assertEquals(0, t.stated()[Head.HEADWEAR.ordinal()], "a probe without the head counts nothing for it");
        for (Head h : Head.TEMPLATE) {
            assertTrue(
                    t.accuracy(h) > t.unconditionalAccuracy(h) + 0.2,
                    h + " " + t.accuracy(h) + " vs " + t.unconditionalAccuracy(h));
        }

        // the breakdown: one line per stated hair colour, its description count and its commonest reading
        var text = new java.io.ByteArrayOutputStream();
        EvalDescriptions.confusion(
                new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8),
                probe,
                Head.HAIR,
                stated,
                own);
        String[] lines = text.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].startsWith("hair as stated"), lines[0]);
        int described = 0;
        for (int k = 1; k < lines.length; k++) {
            var m = java.util.regex.Pattern.compile("^  (\\w+) +\\( *(\\d+) descriptions\\): (\\w+) ")
                    .matcher(lines[k]);
            assertTrue(m.find(), lines[k]);
            described += Integer.parseInt(m.group(2));
        }
        assertEquals(t.stated()[Head.HAIR.ordinal()], described, "every description that states a hair colour, once");
    }
}

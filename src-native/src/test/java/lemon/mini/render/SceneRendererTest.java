package lemon.mini.render;

import static lemon.mini.render.PortraitRendererTest.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lemon.mini.render.Attributes.Accessory;
import lemon.mini.render.Attributes.Background;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.Style;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

    /** Random people on a plain background, unarmed (a staff or sword is a separate column of its own). */
    static List<Attributes> people(Random r, int k, Background bg, Style style) {
        List<Attributes> ps = new ArrayList<>();
        while (ps.size() < k) {
            Attributes a = Attributes.random(r).withBackground(bg).withStyle(style);
            if (a.accessory() != Accessory.STAFF && a.accessory() != Accessory.SWORD) ps.add(a);
        }
        return ps;
    }

    /**
     * Runs of occupied columns in a band of rows (occupied: some pixel far from the background
     * colour). Gaps narrower than 1/40 of the width do not split a run: a pale hood edge or a
     * blurred outline can open a one-pixel gap inside a figure, while people stand far apart.
     */
    static int blobs(BufferedImage img, int back, double y0, double y1) {
        int w = img.getWidth(), h = img.getHeight();
        int minGap = Math.max(2, w / 40);
        int runs = 0, gap = Integer.MAX_VALUE;
        for (int x = 0; x < w; x++) {
            boolean occupied = false;
            for (int y = (int) (y0 * h); y < (int) (y1 * h) && !occupied; y++)
                occupied = Colour.distance(img.getRGB(x, y) & 0xFFFFFF, back) > 40;
            if (occupied) {
                if (gap >= minGap) runs++;
                gap = 0;
            } else if (gap != Integer.MAX_VALUE) {
                gap++;
            }
        }
        return runs;
    }

    @Test
    void sceneWithKPeopleShowsKSeparateFigures() {
        Random r = new Random(5);
        Background bg = Background.PLAIN_SAGE;
        int back = Canvas.plainColour(bg).getRGB() & 0xFFFFFF;
        int cases = 0;
        for (Layout layout : Layout.values()) {
            for (int k = layout == Layout.HANDING ? 2 : 1; k <= 3; k++) {
                for (int rep = 0; rep < 6; rep++) {
                    Style style = rep % 2 == 0 ? Style.FLAT : Style.WATERCOLOUR;
                    List<Attributes> ps = people(r, k, bg, style);
                    Action action = layout == Layout.HANDING ? Action.HAND_APPLE : Action.TALK;
                    for (int[] wh : new int[][] {{128, 64}, {64, 64}}) {
                        BufferedImage img = SceneRenderer.render(ps, layout, action, "plain sage", rep, wh[0], wh[1]);
                        // face band: above the shoulders, where arms and handed items never reach
                        // (mirrors SceneRenderer's framing: 90 units per person, 122 units tall, bottom-aligned)
                        double s = Math.min(wh[0] / (k * 90.0), wh[1] / 122.0), ty = wh[1] - 130 * s;
                        int seen = blobs(img, back, (ty + 30 * s) / wh[1], (ty + 45 * s) / wh[1]);
                        assertEquals(k, seen, layout + " k=" + k + " " + wh[0] + "x" + wh[1] + " rep " + rep);
                        cases++;
                    }
                }
            }
        }
        assertEquals(4 * 6 * 2 * 3 - 6 * 2, cases);
    }

    @Test
    void scenesAreDeterministic() {
        List<Attributes> ps = people(new Random(9), 3, Background.FOREST, Style.WATERCOLOUR);
        int[] a = pixels(SceneRenderer.render(ps, Layout.HANDING, Action.HAND_BOOK, "forest", 3, 96, 64));
        assertArrayEquals(a, pixels(SceneRenderer.render(ps, Layout.HANDING, Action.HAND_BOOK, "forest", 3, 96, 64)));
        assertFalse(Arrays.equals(
                a, pixels(SceneRenderer.render(ps, Layout.HANDING, Action.HAND_BOOK, "forest", 4, 96, 64))));
    }

    @Test
    void rejectsImpossibleScenes() {
        List<Attributes> one = people(new Random(1), 1, Background.MARKET, Style.FLAT);
        assertThrows(
                IllegalArgumentException.class,
                () -> SceneRenderer.render(one, Layout.HANDING, Action.HAND_CUP, "market", 1, 64, 64));
        assertThrows(
                IllegalArgumentException.class,
                () -> SceneRenderer.render(List.of(), Layout.FACING, Action.TALK, "market", 1, 64, 64));
        assertThrows(
                IllegalArgumentException.class,
                () -> SceneRenderer.render(one, Layout.FACING, Action.TALK, "moon", 1, 64, 64));
    }
}

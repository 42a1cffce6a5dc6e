package lemon.mini.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import lemon.mini.render.Attributes.Background;
import lemon.mini.render.Attributes.Style;

/**
 * Scenes of one to three half-body figures. Each person gets an equal column of the image and
 * the figures never overlap, so people can be counted by their columns; gender is carried by
 * the same cues as in portraits (hair, beard, lips, neckline, shoulder width).
 */
public final class SceneRenderer {
    /** Frame units a figure needs across (staff to sword) and from its crown to the image bottom. */
    private static final double FIGURE_W = 90, FIGURE_TOP = 8, FIGURE_BOTTOM = 130;

    private SceneRenderer() {}

    /**
     * Renders people in the given layout; the drawing style is the first person's. Background is
     * a {@link Background} name ("forest", "NIGHT_SKY"…).
     */
    public static BufferedImage render(
            List<Attributes> people,
            Layout layout,
            Action action,
            String background,
            long seed,
            int width,
            int height) {
        int k = people.size();
        if (k < 1 || k > 3) throw new IllegalArgumentException("scenes hold 1 to 3 people, got " + k);
        if (layout == Layout.HANDING && (k < 2 || action.item() == null))
            throw new IllegalArgumentException("handing needs two people and an action with an item");
        BufferedImage img = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(img);
        Random r = new Random(seed);
        try {
            Canvas.paintBackground(g, Background.parse(background), width, height, r);
            double slot = (double) width / k;
            double s = Math.min(slot / FIGURE_W, height / (FIGURE_BOTTOM - FIGURE_TOP));
            double ty = height - FIGURE_BOTTOM * s;
            Figure[] figs = new Figure[k];
            AffineTransform base = g.getTransform();
            AffineTransform[] frames = new AffineTransform[k];
            for (int i = 0; i < k; i++) {
                figs[i] = new Figure(people.get(i), seed * 31 + i, facing(layout, i, k));
                double centre = slot * (i + 0.5);
                double drop = layout == Layout.ONE_SEATED && i == 0 ? 16 * s : 0;
                AffineTransform t = new AffineTransform(base);
                t.translate(centre - 50 * s, ty + drop);
                t.scale(s, s);
                frames[i] = t;
                g.setTransform(t);
                if (drop > 0) paintChair(g, figs[i]);
                figs[i].paint(g, FIGURE_BOTTOM + 10);
            }
            if (layout == Layout.HANDING) {
                // giver (0) reaches right, receiver (1) reaches left; the item sits between the hands
                double mid = slot, handY = ty + 104 * s;
                g.setTransform(frames[0]);
                figs[0].paintArm(g, +1, (mid - 6 * s - (slot * 0.5 - 50 * s)) / s, 104);
                g.setTransform(frames[1]);
                figs[1].paintArm(g, -1, (mid + 6 * s - (slot * 1.5 - 50 * s)) / s, 104);
                AffineTransform t = new AffineTransform(base);
                t.translate(mid, handY - 7 * s);
                t.scale(s, s);
                g.setTransform(t);
                paintItem(g, action.item());
            }
        } finally {
            g.dispose();
        }
        if (people.get(0).style() == Style.WATERCOLOUR) Canvas.watercolour(img, seed);
        return img;
    }

    private static int facing(Layout layout, int i, int k) {
        return switch (layout) {
            case SIDE_BY_SIDE -> 0;
            case FACING -> k == 1 ? 0 : i == 0 ? 1 : i == k - 1 ? -1 : 0;
            case HANDING -> i == 0 ? 1 : -1;
            case ONE_SEATED -> i == 0 ? (k > 1 ? 1 : 0) : -1;
        };
    }

    private static void paintChair(Graphics2D g, Figure f) {
        g.setColor(new Color(0x6A4526));
        g.fill(new RoundRectangle2D.Double(f.bx - f.shW - 6, f.yS - 2, 2 * f.shW + 12, 90, 10, 10));
        g.setColor(new Color(0x4A2E16));
        g.setStroke(new BasicStroke(2f));
        g.draw(new RoundRectangle2D.Double(f.bx - f.shW - 6, f.yS - 2, 2 * f.shW + 12, 90, 10, 10));
    }

    /** The handed item, centred on (0, 0), about 14 units across. */
    private static void paintItem(Graphics2D g, Action.Item item) {
        Color outline = new Color(0x2A1E1A);
        g.setStroke(new BasicStroke(1.3f));
        switch (item) {
            case APPLE -> {
                g.setColor(new Color(0xD42A2A));
                g.fill(new Ellipse2D.Double(-7, -6, 14, 13));
                g.setColor(new Color(0x3A9A3A));
                g.fill(new Ellipse2D.Double(0, -10, 6, 4));
            }
            case BOOK -> {
                g.setColor(new Color(0x7A4A22));
                g.fill(new Rectangle2D.Double(-7, -9, 14, 18));
                g.setColor(new Color(0xF0E8D0));
                g.fill(new Rectangle2D.Double(4, -8, 2, 16));
            }
            case FLOWER -> {
                g.setColor(new Color(0x3A8A3A));
                g.setStroke(new BasicStroke(2f));
                g.draw(new Line2D.Double(0, 0, 0, 12));
                g.setColor(new Color(0xF2D230));
                for (int i = 0; i < 5; i++) {
                    double t = i * Math.PI * 2 / 5;
                    g.fill(new Ellipse2D.Double(Math.cos(t) * 4 - 3, Math.sin(t) * 4 - 6 - 3, 6, 6));
                }
                g.setColor(new Color(0xC8641E));
                g.fill(new Ellipse2D.Double(-2.5, -8.5, 5, 5));
            }
            case LETTER -> {
                g.setColor(new Color(0xF6F2E6));
                g.fill(new Rectangle2D.Double(-8, -5, 16, 11));
                g.setColor(outline);
                g.draw(new Rectangle2D.Double(-8, -5, 16, 11));
                g.setColor(new Color(0xB42020));
                g.fill(new Ellipse2D.Double(-2, -1, 4, 4));
            }
            case CUP -> {
                g.setColor(new Color(0xE8B828));
                g.fill(new Rectangle2D.Double(-5, -8, 10, 10));
                g.fill(new Ellipse2D.Double(-6, -10, 12, 4));
                g.fill(new Rectangle2D.Double(-1.2, 2, 2.4, 5));
                g.fill(new Rectangle2D.Double(-4, 6, 8, 2));
            }
        }
    }
}

package lemon.mini.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import lemon.mini.render.Attributes.Style;

/** Head-and-shoulders portraits of one character. */
public final class PortraitRenderer {
    private PortraitRenderer() {}

    /**
     * Renders a size×size portrait. The attributes fix what the character is; the seed only
     * varies proportions, pose, eye shape and small colour jitter, so the same pair always gives
     * the same pixels.
     */
    public static BufferedImage render(Attributes a, long seed, int size) {
        if (size < 8) throw new IllegalArgumentException("size must be at least 8, got " + size);
        BufferedImage img = Canvas.image(size, size);
        Graphics2D g = Canvas.graphics(img);
        try {
            Canvas.paintBackground(g, a.background(), size, size, new Random(seed + 1));
            // figures are drawn in a 100-unit frame; the seed zooms and shifts the framing a little
            Random framing = new Random(seed * 0x2545F4914F6CDD1DL + 3);
            double zoom = 0.92 + 0.12 * framing.nextDouble();
            double dx = (framing.nextDouble() - 0.5) * 8, dy = (framing.nextDouble() - 0.3) * 6;
            g.scale(size / 100.0, size / 100.0);
            g.translate(50 + dx, 100 + dy);
            g.scale(zoom, zoom);
            g.translate(-50, -100); // zoom about the bottom centre so shoulders stay on the edge
            new Figure(a, seed, 0).paint(g, 100);
        } finally {
            g.dispose();
        }
        if (a.style() == Style.WATERCOLOUR) Canvas.watercolour(img, seed);
        return img;
    }
}

package lemon.mini.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;
import lemon.mini.render.Attributes.Background;

/** Shared drawing plumbing: image creation, backgrounds and the watercolour finish. */
final class Canvas {
    static {
        // rendering must work on servers and in tests without a display
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Canvas() {}

    static BufferedImage image(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** Plain backgrounds' colours, also used by tests to tell figure pixels from background. */
    static Color plainColour(Background b) {
        return switch (b) {
            case PLAIN_SAGE -> new Color(0xC8D4B8);
            case PLAIN_BLUE -> new Color(0xA8C4DE);
            case PLAIN_GREY -> new Color(0xB4B4B0);
            case PLAIN_LILAC -> new Color(0xD0C0DC);
            default -> null;
        };
    }

    /** Paints a background over the whole w×h image (pixel units). Muted so figures stand out. */
    static void paintBackground(Graphics2D g, Background b, int w, int h, Random r) {
        Color plain = plainColour(b);
        if (plain != null) {
            g.setColor(plain);
            g.fillRect(0, 0, w, h);
            return;
        }
        double u = h / 100.0; // one background unit
        switch (b) {
            case FOREST -> {
                g.setColor(new Color(0xC8DCB4));
                g.fillRect(0, 0, w, h);
                int trees = 3 + (int) Math.round(w / (30 * u));
                for (int i = 0; i < trees; i++) {
                    double x = (i + r.nextDouble() * 0.8) * w / trees;
                    g.setColor(new Color(0x8A6A4A));
                    g.fill(new Rectangle2D.Double(x - 2.5 * u, 20 * u, 5 * u, 80 * u));
                    g.setColor(i % 2 == 0 ? new Color(0x6E9A5A) : new Color(0x86AE6A));
                    g.fill(new Ellipse2D.Double(x - 16 * u, (-8 + r.nextDouble() * 14) * u, 32 * u, 34 * u));
                }
                g.setColor(new Color(0x9ABE7E));
                g.fill(new Rectangle2D.Double(0, 78 * u, w, 22 * u));
            }
            case CASTLE_WALL -> {
                g.setColor(new Color(0x9C968C));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(0x7E786F));
                double bh = 10 * u, bw = 20 * u;
                for (int row = 0; row * bh < h; row++) {
                    double y = row * bh;
                    g.fill(new Rectangle2D.Double(0, y, w, Math.max(1, 0.9 * u)));
                    double off = (row % 2) * bw / 2;
                    for (double x = off; x < w; x += bw) g.fill(new Rectangle2D.Double(x, y, Math.max(1, 0.9 * u), bh));
                }
            }
            case NIGHT_SKY -> {
                g.setPaint(new java.awt.GradientPaint(0, 0, new Color(0x1C2450), 0, h, new Color(0x3C3A6E)));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(0xF4F0C8));
                int stars = 8 + w * h / 400;
                for (int i = 0; i < stars; i++) {
                    double s = Math.max(1, 1.2 * u);
                    g.fill(new Rectangle2D.Double(r.nextDouble() * w, r.nextDouble() * h * 0.7, s, s));
                }
                g.fill(new Ellipse2D.Double(w - 22 * u, 5 * u, 12 * u, 12 * u));
            }
            case MARKET -> {
                g.setColor(new Color(0xE8D2A8));
                g.fillRect(0, 0, w, h);
                double sw = 10 * u;
                for (int i = 0; i * sw < w; i++) {
                    g.setColor(i % 2 == 0 ? new Color(0xD25A4A) : new Color(0xF4ECDC));
                    g.fill(new Rectangle2D.Double(i * sw, 0, sw, 14 * u));
                }
                g.setColor(new Color(0xB08858));
                g.fill(new Rectangle2D.Double(0, 70 * u, w, 30 * u));
                for (int i = 0; i < w / (8 * u); i++) { // fruit on the stall
                    g.setColor(
                            i % 3 == 0 ? new Color(0xE0962A) : i % 3 == 1 ? new Color(0x9ABE3C) : new Color(0xC84A3A));
                    g.fill(new Ellipse2D.Double(i * 8 * u + r.nextDouble() * 3 * u, 66 * u, 6 * u, 6 * u));
                }
            }
            default -> throw new IllegalArgumentException("unknown background " + b);
        }
    }

    /**
     * Watercolour finish: soft edges (a small blur), pigment blooms (low-frequency brightness
     * noise), paper grain (per-pixel noise) and a faint warm paper tint. Cheap enough for
     * on-the-fly training data: a few integer passes over the pixels.
     */
    static void watercolour(BufferedImage img, long seed) {
        int w = img.getWidth(), h = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int[] src = px.clone();
        // low-frequency noise grid, bilinearly interpolated
        int cell = Math.max(4, Math.min(w, h) / 6);
        int gw = w / cell + 2, gh = h / cell + 2;
        float[] grid = new float[gw * gh];
        Random r = new Random(seed * 31 + 7);
        for (int i = 0; i < grid.length; i++) grid[i] = (float) (r.nextDouble() * 2 - 1);
        int radius = Math.max(1, Math.min(w, h) / 96);
        // a 3×3 blur is a big share of a 32 px image: soften less there
        double soft = Math.min(w, h) >= 64 ? 0.6 : 0.35;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sr = 0, sg = 0, sb = 0, n = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    int yy = Math.min(h - 1, Math.max(0, y + dy));
                    for (int dx = -radius; dx <= radius; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        int c = src[yy * w + xx];
                        sr += (c >> 16) & 255;
                        sg += (c >> 8) & 255;
                        sb += c & 255;
                        n++;
                    }
                }
                int c = src[y * w + x];
                // a partial blur keeps shapes readable while softening every edge
                double cr = (1 - soft) * ((c >> 16) & 255) + soft * sr / n;
                double cg = (1 - soft) * ((c >> 8) & 255) + soft * sg / n;
                double cb = (1 - soft) * (c & 255) + soft * sb / n;
                float fx = (float) x / cell, fy = (float) y / cell;
                int ix = (int) fx, iy = (int) fy;
                float tx = fx - ix, ty = fy - iy;
                float low = lerp(
                        lerp(grid[iy * gw + ix], grid[iy * gw + ix + 1], tx),
                        lerp(grid[(iy + 1) * gw + ix], grid[(iy + 1) * gw + ix + 1], tx),
                        ty);
                double grain = ((hash(x, y, seed) & 255) / 255.0 - 0.5);
                double k = 1 + 0.06 * low + 0.05 * grain;
                px[y * w + x] = rgb(paper(cr * k, 250), paper(cg * k, 246), paper(cb * k, 236));
            }
        }
    }

    private static double paper(double v, int paper) {
        return v + (paper - v) * 0.05;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    private static int hash(int x, int y, long seed) {
        long z = seed + x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (int) (z ^ (z >>> 29));
    }

    private static int rgb(double r, double g, double b) {
        return (Figure.clamp((int) r) << 16) | (Figure.clamp((int) g) << 8) | Figure.clamp((int) b);
    }
}

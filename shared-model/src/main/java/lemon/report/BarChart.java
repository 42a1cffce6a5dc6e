package lemon.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One metric as a PNG bar chart: a bar per method with its value, an error bar of ± its spread, and
 * the value written above. Missing values (NaN) leave an empty slot marked "–".
 */
public final class BarChart {
    static final int BAR_W = 64, GAP = 18, PLOT_H = 220, TOP = 44, BOTTOM = 96, LEFT = 56, RIGHT = 16;

    private BarChart() {}

    /**
     * @param values  one per label (NaN: not measured)
     * @param spreads ± drawn as the error bar (NaN: none)
     * @param percent values are fractions shown as percentages on a 0–100% axis
     */
    public static byte[] render(String title, List<String> labels, double[] values, double[] spreads, boolean percent) {
        if (labels.size() != values.length || values.length != spreads.length)
            throw new IllegalArgumentException("one value and one spread per label");
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        double lo = 0, hi = percent ? 1 : 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) continue;
            double s = Double.isNaN(spreads[i]) ? 0 : spreads[i];
            lo = Math.min(lo, values[i] - s);
            hi = Math.max(hi, values[i] + s);
        }
        if (hi - lo < 1e-9) hi = lo + 1;
        int w = LEFT + labels.size() * (BAR_W + GAP) + RIGHT, h = TOP + PLOT_H + BOTTOM;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            double loF = lo, span = hi - lo;
            java.util.function.DoubleToIntFunction y = v -> TOP + (int) Math.round(PLOT_H * (1 - (v - loF) / span));
            // axis with its ends and zero labelled
            g.setColor(Color.GRAY);
            g.drawLine(LEFT - 4, TOP, LEFT - 4, TOP + PLOT_H);
            for (double v : new double[] {lo, 0, hi}) {
                int yy = y.applyAsInt(v);
                g.drawLine(LEFT - 8, yy, LEFT - 4, yy);
                g.drawString(format(v, percent), 4, yy + 4);
            }
            g.drawLine(LEFT - 4, y.applyAsInt(0), w - RIGHT, y.applyAsInt(0));
            for (int i = 0; i < labels.size(); i++) {
                int x = LEFT + i * (BAR_W + GAP) + GAP / 2;
                if (!Double.isNaN(values[i])) {
                    int top = y.applyAsInt(Math.max(0, values[i])), bottom = y.applyAsInt(Math.min(0, values[i]));
                    g.setColor(i == 0 ? new Color(0x9AA5B1) : new Color(0x3B82C4));
                    g.fillRect(x, top, BAR_W, Math.max(1, bottom - top));
                    if (!Double.isNaN(spreads[i]) && spreads[i] > 0) {
                        g.setColor(Color.BLACK);
                        g.setStroke(new BasicStroke(1.5f));
                        int cx = x + BAR_W / 2,
                                a = y.applyAsInt(values[i] + spreads[i]),
                                b = y.applyAsInt(values[i] - spreads[i]);
                        g.drawLine(cx, a, cx, b);
                        g.drawLine(cx - 8, a, cx + 8, a);
                        g.drawLine(cx - 8, b, cx + 8, b);
                    }
                }
                g.setColor(Color.DARK_GRAY);
                String v = Double.isNaN(values[i]) ? "–" : format(values[i], percent);
                g.drawString(v, x + (BAR_W - g.getFontMetrics().stringWidth(v)) / 2, TOP - 6);
                // the label in up to three lines under the axis
                List<String> lines = wrap(labels.get(i), g, BAR_W + GAP - 4);
                for (int k = 0; k < Math.min(3, lines.size()); k++)
                    g.drawString(
                            lines.get(k),
                            x + (BAR_W - g.getFontMetrics().stringWidth(lines.get(k))) / 2,
                            TOP + PLOT_H + 18 + 14 * k);
            }
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            ImageIO.write(img, "png", buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double v, boolean percent) {
        return percent ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static List<String> wrap(String label, Graphics2D g, int width) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            String next = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && g.getFontMetrics().stringWidth(next) > width) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else line = new StringBuilder(next);
        }
        if (line.length() > 0) out.add(line.toString());
        return out;
    }
}

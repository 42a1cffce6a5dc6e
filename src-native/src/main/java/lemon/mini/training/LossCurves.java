package lemon.mini.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Loss curves of a training run drawn as one PNG, a panel per model, log-scaled losses with a
 * moving average on top of the raw points, so a person can see at a glance whether training went well.
 */
public final class LossCurves {
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 260;
    private static final Color[] SERIES = {new Color(0xC0392B), new Color(0x2471A3), new Color(0x229954)};

    private final Map<String, List<double[]>> curves = new LinkedHashMap<>();

    /** Adds one (step, loss) point to the named curve; non-finite losses are kept out of the plot. */
    public synchronized void add(String curve, long step, double loss) {
        if (Double.isFinite(loss) && loss > 0) {
            curves.computeIfAbsent(curve, k -> new ArrayList<>()).add(new double[] {step, loss});
        }
    }

    public synchronized int points(String curve) {
        return curves.getOrDefault(curve, List.of()).size();
    }

    /** Writes the picture atomically (temp file + rename). */
    public synchronized void write(Path png) throws IOException {
        int cols = Math.max(1, Math.min(2, curves.size()));
        int rows = Math.max(1, (curves.size() + cols - 1) / cols);
        BufferedImage img = new BufferedImage(cols * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            panel(g, (i % cols) * PANEL_W, (i / cols) * PANEL_H, e.getKey(), e.getValue(), SERIES[i % SERIES.length]);
            i++;
        }
        g.dispose();
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".loss-", ".png");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void panel(Graphics2D g, int x0, int y0, String title, List<double[]> pts, Color colour) {
        int left = x0 + 56, right = x0 + PANEL_W - 16, top = y0 + 28, bottom = y0 + PANEL_H - 34;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, x0 + 12, y0 + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawRect(left, top, right - left, bottom - top);
        if (pts.isEmpty()) {
            g.drawString("no points yet", left + 8, top + 16);
            return;
        }
        double maxStep = Math.max(1, pts.get(pts.size() - 1)[0]);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double[] p : pts) {
            lo = Math.min(lo, Math.log10(p[1]));
            hi = Math.max(hi, Math.log10(p[1]));
        }
        if (hi - lo < 1e-6) {
            hi = lo + 1;
        }
        final double fLo = lo, fHi = hi;
        java.util.function.DoubleUnaryOperator px = s -> left + (right - left) * s / maxStep;
        java.util.function.DoubleUnaryOperator py = l -> bottom - (bottom - top) * (Math.log10(l) - fLo) / (fHi - fLo);
        g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
        for (double[] p : pts) {
            g.fillRect((int) px.applyAsDouble(p[0]), (int) py.applyAsDouble(p[1]), 2, 2);
        }
        // moving average over ~2% of the points shows the trend through the noise
        int window = Math.max(1, pts.size() / 50);
        g.setColor(colour);
        g.setStroke(new BasicStroke(2f));
        int prevX = -1, prevY = -1;
        double sum = 0;
        for (int i = 0; i < pts.size(); i++) {
            sum += pts.get(i)[1];
            if (i >= window) {
                sum -= pts.get(i - window)[1];
            }
            double avg = sum / Math.min(i + 1, window);
            int x = (int) px.applyAsDouble(pts.get(i)[0]);
            int y = (int) py.applyAsDouble(avg);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            prevX = x;
            prevY = y;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, fHi)), x0 + 4, top + 8);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, fLo)), x0 + 4, bottom);
        g.drawString("0", left, bottom + 14);
        g.drawString(String.format(Locale.ROOT, "%,d steps", (long) maxStep), right - 70, bottom + 14);
        g.drawString(String.format(Locale.ROOT, "last %.4g", pts.get(pts.size() - 1)[1]), left + 8, bottom + 28);
    }
}

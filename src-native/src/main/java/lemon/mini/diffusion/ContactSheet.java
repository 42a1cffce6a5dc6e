package lemon.mini.diffusion;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Contact sheets of generated portraits: one labelled row per description.
 * Usage: {@code generate "<description>" [-n 4] [--seed S] [--steps K] [--guidance G] [--out file.png] [--weights DIR]}.
 */
public final class ContactSheet {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private static final int LABEL_H = 18;

    private ContactSheet() {}

    /** Draws rows of images (each enlarged {@code scale}×, nearest neighbour) under their labels. */
    public static BufferedImage sheet(List<String> labels, List<List<BufferedImage>> rows, int scale) {
        int cell = rows.get(0).get(0).getWidth() * scale, gap = 4;
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        int w = Math.max(cols * (cell + gap) + gap, 360), rowH = LABEL_H + cell + gap;
        BufferedImage img = new BufferedImage(w, rows.size() * rowH + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int r = 0; r < rows.size(); r++) {
            int y = r * rowH + gap;
            g.setColor(Color.DARK_GRAY);
            String label = labels.get(r);
            while (g.getFontMetrics().stringWidth(label) > w - 8 && label.length() > 4) label = label.substring(0, label.length() - 4) + "…";
            g.drawString(label, gap, y + LABEL_H - 5);
            for (int c = 0; c < rows.get(r).size(); c++) {
                g.drawImage(rows.get(r).get(c), gap + c * (cell + gap), y + LABEL_H, cell, cell, null);
            }
        }
        g.dispose();
        return img;
    }

    public static void write(BufferedImage img, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ImageIO.write(img, "png", png.toFile());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !args[0].equals("generate")) {
            System.err.println("usage: generate \"<description>\" [-n 4] [--seed S] [--steps K] [--guidance G] [--out file.png] [--weights DIR]");
            System.exit(2);
        }
        String description = args[1];
        int n = 4, steps = PortraitGenerator.DEFAULT_STEPS;
        long seed = 1;
        float guidance = PortraitGenerator.DEFAULT_GUIDANCE;
        Path out = Path.of("target", "diffusion-generate.png"), weights = null;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "-n" -> n = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--guidance" -> guidance = Float.parseFloat(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--weights" -> weights = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        try (PortraitGenerator gen = weights == null ? PortraitGenerator.loadDefault() : PortraitGenerator.load(weights)) {
            long t0 = System.nanoTime();
            List<BufferedImage> imgs = gen.generate(description, n, seed, steps, guidance);
            double ms = (System.nanoTime() - t0) / 1e6;
            write(sheet(List.of(description), List.of(imgs), 2), out);
            System.out.printf(Locale.ROOT, "%d portraits (64×64, %d DDIM steps, guidance %.1f) in %.0f ms → %s%n  model reads: %s%n",
                n, steps, guidance, ms, out, gen.normalise(description));
        }
    }
}

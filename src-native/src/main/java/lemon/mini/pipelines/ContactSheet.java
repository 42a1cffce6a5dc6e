package lemon.mini.pipelines;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Contact sheets of generated portraits, for people to look at: one labelled row per description. */
public final class ContactSheet {
    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
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
            while (g.getFontMetrics().stringWidth(label) > w - 8 && label.length() > 4)
                label = label.substring(0, label.length() - 4) + "…";
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

    /** The review descriptions: caption-style and free-text, four clearly different people. */
    public static final List<String> REVIEW_DESCRIPTIONS = List.of(
            "a young woman with long red hair, wearing a blue dress",
            "an old man with a white beard, dressed in a green robe",
            "a man in his forties with short black hair and a yellow tunic",
            "a young woman in her late teens, with a slender build, long braided auburn hair, wearing a plain purple linen dress");

    /** The review sheet: the four review descriptions × seeds 1–4, shown at 2×. */
    public static BufferedImage review(PortraitPipeline gen, PortraitPipeline.Sampling sampling) {
        List<List<BufferedImage>> rows = new java.util.ArrayList<>();
        for (String d : REVIEW_DESCRIPTIONS)
            rows.add(gen.generateEach(java.util.Collections.nCopies(4, d), List.of(1L, 2L, 3L, 4L), sampling));
        return sheet(REVIEW_DESCRIPTIONS, rows, 2);
    }

    /** n portraits of one description, seeds seed, seed+1, … (each seed is one portrait, as in a run). */
    public static BufferedImage generate(
            PortraitPipeline gen, String description, int n, long seed, PortraitPipeline.Sampling sampling) {
        List<Long> seeds = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) seeds.add(seed + i);
        return sheet(
                List.of(description),
                List.of(gen.generateEach(java.util.Collections.nCopies(n, description), seeds, sampling)),
                2);
    }

    /**
     * Each row: its portraits (enlarged {@code scale}×) on the left, its text wrapped beside them, so
     * a long description can be read whole next to what was painted from it.
     */
    public static BufferedImage described(List<String> texts, List<List<BufferedImage>> rows, int scale) {
        int cell = rows.get(0).get(0).getWidth() * scale, gap = 4, textW = 420, lineH = 13;
        int cols = rows.stream().mapToInt(List::size).max().orElse(1);
        int left = cols * (cell + gap) + gap, w = left + textW;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<List<String>> wrapped = new java.util.ArrayList<>();
        int height = gap;
        for (String t : texts) {
            List<String> lines = new java.util.ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : t.split(" ")) {
                if (line.length() > 0 && pg.getFontMetrics().stringWidth(line + " " + word) > textW - 2 * gap) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) line.append(' ');
                line.append(word);
            }
            lines.add(line.toString());
            wrapped.add(lines);
            height += Math.max(cell, lines.size() * lineH) + gap;
        }
        pg.dispose();
        BufferedImage img = new BufferedImage(w, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int y = gap;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++)
                g.drawImage(rows.get(r).get(c), gap + c * (cell + gap), y, cell, cell, null);
            g.setColor(Color.DARK_GRAY);
            List<String> lines = wrapped.get(r);
            for (int k = 0; k < lines.size(); k++) g.drawString(lines.get(k), left + gap, y + (k + 1) * lineH - 2);
            y += Math.max(cell, lines.size() * lineH) + gap;
        }
        g.dispose();
        return img;
    }
}

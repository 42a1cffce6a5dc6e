package lemon.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The storyboard as one PNG for sharing: the scenes in story order on a grid, left to right, top to
 * bottom. No text is drawn, so the sheet needs no fonts (a server JDK may have none).
 */
public final class StoryboardSheet {
    static final int COLUMNS = 5, CELL_W = 256, CELL_H = 128, GAP = 6;

    private StoryboardSheet() {}

    /** {@code pictures} in story order. */
    public static byte[] render(List<byte[]> pictures) {
        int rows = Math.max(1, (pictures.size() + COLUMNS - 1) / COLUMNS);
        int w = COLUMNS * (CELL_W + GAP) + GAP;
        int h = rows * (CELL_H + GAP) + GAP;
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            for (int i = 0; i < pictures.size(); i++) {
                int x = GAP + (i % COLUMNS) * (CELL_W + GAP);
                int y = GAP + (i / COLUMNS) * (CELL_H + GAP);
                g.drawImage(read(pictures.get(i)), x, y, CELL_W, CELL_H, null); // nearest neighbour: crisp pixels
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static BufferedImage read(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) throw new IllegalArgumentException("a storyboard picture is not an image");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package lemon.mini.pipelines;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lemon.mini.models.ImageTensors;

/**
 * Where each person of a lemon-mini scene stands: the renderer gives each of the k people an equal
 * column, left to right, and never lets figures overlap, so person i is column i of k. A scene the
 * generator painted is read the same way (it learned from those renders).
 */
public final class SceneRegions {
    private SceneRegions() {}

    /** The columns of a width × height scene of {@code people}, left to right, covering it exactly. */
    public static List<Rectangle> columns(int width, int height, int people) {
        if (people < 1) throw new IllegalArgumentException("a scene has at least one person, got " + people);
        if (people > width) throw new IllegalArgumentException(people + " people do not fit " + width + " pixels");
        List<Rectangle> out = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            int x0 = edge(width, people, i), x1 = edge(width, people, i + 1);
            out.add(new Rectangle(x0, 0, x1 - x0, height));
        }
        return out;
    }

    /** Each person's column as an image of its own. */
    public static List<BufferedImage> crop(BufferedImage scene, int people) {
        List<BufferedImage> out = new ArrayList<>(people);
        for (Rectangle r : columns(scene.getWidth(), scene.getHeight(), people)) out.add(copy(scene, r));
        return out;
    }

    /**
     * Each person as a size × size image, for models that read squares (the attribute probe, the
     * validator): a square as high as the scene, centred on the person's column. A narrow column
     * (three people) is widened by repeating its edge pixels, not by taking the neighbours' (their
     * clothes would be read as this person's); a wide one (one person) keeps its middle, where the
     * figure stands.
     */
    public static List<BufferedImage> squares(BufferedImage scene, int people, int size) {
        List<BufferedImage> out = new ArrayList<>(people);
        for (Rectangle r : columns(scene.getWidth(), scene.getHeight(), people))
            out.add(ImageTensors.fit(square(scene, r), size));
        return out;
    }

    private static BufferedImage square(BufferedImage scene, Rectangle column) {
        int side = column.height, left = column.x + column.width / 2 - side / 2;
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < side; x++) {
            int from = Math.max(column.x, Math.min(column.x + column.width - 1, left + x));
            for (int y = 0; y < side; y++) out.setRGB(x, y, scene.getRGB(from, column.y + y));
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage scene, Rectangle r) {
        BufferedImage out = new BufferedImage(r.width, r.height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, r.width, r.height, scene.getRGB(r.x, r.y, r.width, r.height, null, 0, r.width), 0, r.width);
        return out;
    }

    /** Left edge of column i of k, rounded (the renderer centres person i at (i + ½)·width / k). */
    private static int edge(int width, int people, int i) {
        return (int) Math.round((double) width * i / people);
    }
}

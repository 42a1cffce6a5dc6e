package lemon.mini.pipelines;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.models.NoGrad;
import lemon.port.ImageTextScorer;

/**
 * The ImageTextScorer port over CLIP-mini: CLIP-T and CLIP-I as the paper uses them, on the bundled
 * model. CLIP-mini reads square images; a wide scene is scaled to the square's width and set on
 * its bottom edge over its background colour, as the validator's true-aspect view, since the model
 * saw scenes as figures standing on the bottom of a square frame.
 */
public final class MiniClipScorer implements ImageTextScorer, AutoCloseable {
    private final NDManager manager;
    private final MiniClip clip;
    private final String name;

    private MiniClipScorer(NDManager manager, MiniClip clip, String name) {
        this.manager = manager;
        this.clip = clip;
        this.name = name;
    }

    /** Loads a CLIP-mini checkpoint directory (checksums verified). */
    public static MiniClipScorer load(Path dir) throws IOException {
        ModelManifest m = Checkpoint.verify(dir);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            MiniClip clip = new MiniClip(
                    m.config(ClipConfig.class), CaptionTokenizer.load(dir.resolve("tokenizer.json")), manager, 0);
            Checkpoint.load(dir, clip);
            clip.params().freezeAllExcept(n -> false);
            clip.textEncoder().params().freezeAllExcept(n -> false);
            String sha = m.sha256().getOrDefault("clip.safetensors", "unknown");
            return new MiniClipScorer(manager, clip, "clip-mini:" + sha.substring(0, Math.min(12, sha.length())));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The committed CLIP-mini. */
    public static MiniClipScorer bundled() {
        try {
            return load(MiniWeights.clipDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load CLIP-mini: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized float[][] embedImages(List<byte[]> pngs) {
        int size = clip.config().imageSize();
        List<BufferedImage> square = new ArrayList<>();
        for (byte[] png : pngs) square.add(square(decode(png), size));
        float[][] out = new float[pngs.size()][];
        try (NoGrad g = NoGrad.enter();
                NDManager scope = manager.newSubManager()) {
            clip.attachTo(scope);
            for (int from = 0; from < square.size(); from += 32) {
                List<BufferedImage> part = square.subList(from, Math.min(square.size(), from + 32));
                NDArray e = clip.embedImages(ImageTensors.batch(scope, part));
                rows(e, out, from);
            }
        }
        return out;
    }

    @Override
    public synchronized float[][] embedTexts(List<String> texts) {
        float[][] out = new float[texts.size()][];
        try (NoGrad g = NoGrad.enter();
                NDManager scope = manager.newSubManager()) {
            clip.attachTo(scope);
            rows(clip.embedTexts(scope, texts), out, 0);
        }
        return out;
    }

    private static void rows(NDArray e, float[][] out, int from) {
        int dim = (int) e.getShape().get(1);
        float[] flat = e.toFloatArray();
        for (int i = 0; i < flat.length / dim; i++)
            out[from + i] = java.util.Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
    }

    /** A square view of {@code img}: square images resized, wide ones at their true aspect on the bottom edge. */
    static BufferedImage square(BufferedImage img, int size) {
        if (img.getWidth() <= img.getHeight()) return ImageTensors.fit(img, size);
        int h = Math.max(1, Math.round((float) size * img.getHeight() / img.getWidth()));
        return MiniValidatorAdapter.bottomAligned(img, size, h);
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) throw new IllegalArgumentException("not an image (" + png.length + " bytes)");
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable image: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

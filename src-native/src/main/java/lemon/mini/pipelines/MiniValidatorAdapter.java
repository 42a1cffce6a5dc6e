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
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniValidator;
import lemon.mini.models.ValidatorConfig;
import lemon.port.CompatibilityValidator;
import lemon.story.Gender;

/**
 * The lemon-mini validator behind the {@link CompatibilityValidator} port. People count is the
 * count head's argmax and confidence its softmax probability; each counted slot's gender is the
 * likelier of male/female (the "none" class only matters past the count).
 */
public final class MiniValidatorAdapter implements CompatibilityValidator, AutoCloseable {
    private final NDManager manager;
    private final MiniValidator model;
    private final String name;
    private final boolean owned;

    /** Wraps a model in memory (used while training); the caller keeps ownership. */
    public MiniValidatorAdapter(MiniValidator model, NDManager manager, String name) {
        this.model = model;
        this.manager = manager;
        this.name = name;
        this.owned = false;
    }

    private MiniValidatorAdapter(NDManager manager, MiniValidator model, String name) {
        this.model = model;
        this.manager = manager;
        this.name = name;
        this.owned = true;
    }

    /** Loads a checkpoint directory; every file's sha256 is checked against its manifest first. */
    public static MiniValidatorAdapter load(Path dir) throws IOException {
        ModelManifest m = Checkpoint.verify(dir);
        NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
        try {
            MiniValidator v = new MiniValidator(m.config(ValidatorConfig.class), manager, 0);
            Checkpoint.load(dir, v);
            String sha = m.sha256().get("weights.safetensors");
            return new MiniValidatorAdapter(manager, v, "lemon-mini-validator:" + sha.substring(0, 12));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The committed weights (see {@link MiniWeights}). */
    public static MiniValidatorAdapter bundled() throws IOException {
        return load(MiniWeights.validatorDir());
    }

    public MiniValidator model() {
        return model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Verdict inspect(byte[] png) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (img == null) throw new IllegalArgumentException("not a readable image (" + png.length + " bytes)");
        return inspect(List.of(img)).get(0);
    }

    /** Verdicts for a batch of images (resized to the model's input size if needed). */
    public List<Verdict> inspect(List<BufferedImage> images) {
        int size = model.config().imageSize();
        List<Verdict> out = new ArrayList<>(images.size());
        try (NDManager scope = manager.newSubManager()) {
            model.params().attachTo(scope);
            NDArray x = ImageTensors.batch(
                    scope, images.stream().map(i -> ImageTensors.fit(i, size)).toList());
            MiniValidator.Output o = model.forward(x);
            float[] count = o.count().softmax(-1).toFloatArray();
            float[] gender = o.gender().toFloatArray();
            int k = ValidatorConfig.COUNT_CLASSES,
                    g = ValidatorConfig.GENDER_CLASSES,
                    slots = model.config().slots();
            for (int b = 0; b < images.size(); b++) {
                int people = 0;
                for (int c = 1; c < k; c++) if (count[b * k + c] > count[b * k + people]) people = c;
                List<Gender> genders = new ArrayList<>();
                for (int s = 0; s < Math.min(people, slots); s++) {
                    int at = (b * slots + s) * g;
                    genders.add(
                            gender[at + MiniValidator.MALE] >= gender[at + MiniValidator.FEMALE]
                                    ? Gender.MALE
                                    : Gender.FEMALE);
                }
                out.add(new Verdict(people, genders, count[b * k + people]));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (owned) {
            model.close();
            manager.close();
        }
    }
}

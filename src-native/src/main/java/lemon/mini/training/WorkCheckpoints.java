package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.MiniModel;
import lemon.mini.models.Params;
import lemon.util.FileTrees;

/**
 * Periodic training checkpoints that survive a kill at any moment: each save goes to a fresh
 * folder that replaces the previous one only once complete, so the folder on disk is always
 * either the old or the new checkpoint, never half of each.
 */
final class WorkCheckpoints {
    private WorkCheckpoints() {}

    /** Writes more state (the optimiser's) into the checkpoint folder before it replaces the last one. */
    interface Extra {
        void write(Path dir) throws IOException;
    }

    static ModelManifest save(
            Path dir, String name, MiniModel model, long steps, long dataSeed, Map<String, Double> metrics)
            throws IOException {
        return save(dir, name, model, steps, dataSeed, metrics, d -> {});
    }

    static ModelManifest save(
            Path dir, String name, MiniModel model, long steps, long dataSeed, Map<String, Double> metrics, Extra extra)
            throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(dir.getFileName() + ".new");
        Path old = parent.resolve(dir.getFileName() + ".old");
        FileTrees.delete(tmp);
        ModelManifest m = Checkpoint.save(tmp, name, model, steps, dataSeed, metrics);
        extra.write(tmp);
        FileTrees.delete(old);
        if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(old);
        return m;
    }

    /**
     * Whether every parameter is finite. A NaN can slip into the weights without a NaN loss (an
     * infinite gradient turns Adam's update into inf/inf), so this runs before each save: a bad
     * model must never overwrite the last good checkpoint.
     */
    static boolean allFinite(NDManager parent, Params... stores) {
        try (NDManager scope = parent.newSubManager()) {
            for (Params p : stores) {
                p.attachTo(scope);
                for (NDArray v : p.all().values()) if (!Float.isFinite(v.sum().getFloat())) return false;
            }
        }
        return true;
    }

    /** The checkpoint to resume from: dir, or the previous one if a kill came between the two renames. */
    static Path latest(Path dir) {
        if (Files.exists(dir.resolve(ModelManifest.FILE))) return dir;
        Path old = dir.toAbsolutePath().getParent().resolve(dir.getFileName() + ".old");
        return Files.exists(old.resolve(ModelManifest.FILE)) ? old : null;
    }
}

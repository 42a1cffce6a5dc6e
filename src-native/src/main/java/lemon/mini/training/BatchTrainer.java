package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.MiniModel;
import lemon.mini.models.Params;

/**
 * What the validator, CLIP, upsampler and matcher-head trainers share (driven by
 * {@link TrainingLoop}, which gives each step its learning rate): data rendered on the fly one batch
 * ahead ({@link Prefetcher}; batch k of a run always holds training items k·B … k·B+B−1, so a
 * resumed run sees exactly the data an uninterrupted one would), {@link Adam}, resumable work
 * checkpoints (weights, Adam's moments and rate), and the NaN guard ({@link NonFiniteGuard}): a
 * batch whose loss or gradients are not finite is not applied; the weights go back to the last work
 * checkpoint with fresh optimiser state.
 *
 * @param <B> one training item
 * @param <M> the model; every parameter group of {@link MiniModel#parts()} is trained
 */
public abstract class BatchTrainer<B, M extends MiniModel> implements AutoCloseable {
    protected final long dataSeed;
    protected final int batch;
    private final float lr;
    protected final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    protected final M model;
    private final String name;
    private final Params[] trained;
    private final Prefetcher<List<B>> data;
    private final Adam adam;
    private long step;
    private int nonFinite;

    /**
     * {@code name} goes into checkpoint manifests; {@code lr} is the base rate the loop's schedule is
     * relative to; {@code build} creates the model in this trainer's manager.
     */
    protected BatchTrainer(
            String name,
            String dataThread,
            long dataSeed,
            int batch,
            float lr,
            java.util.function.Function<NDManager, M> build) {
        this.name = name;
        this.model = build.apply(manager);
        this.trained = model.parts().values().toArray(Params[]::new);
        this.dataSeed = dataSeed;
        this.batch = batch;
        this.lr = lr;
        this.adam = new Adam(manager, lr);
        this.data = new Prefetcher<>(dataThread, this::render);
    }

    /** Training item number k of this data seed. */
    protected abstract B item(long k);

    /** The loss of one batch; called inside a scope the parameters are attached to, under a gradient collector. */
    protected abstract NDArray loss(NDManager scope, List<B> items);

    /** Extra checks on a work checkpoint before it is resumed from. */
    protected void checkResumable(Path from, ModelManifest m) throws IOException {}

    /** Called with a batch whose loss was not finite, before the weights go back. */
    protected void onNonFiniteLoss(List<B> items, double loss, Path workDir) throws IOException {}

    public M model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    public long step() {
        return step;
    }

    /** Batches not applied for a non-finite loss, gradients or weights (each reloaded the last checkpoint). */
    public int nonFiniteSteps() {
        return nonFinite;
    }

    /** A line on the last batch that was not applied. */
    public String lastNonFinite() {
        return "non-finite loss or gradients at step " + step;
    }

    /** The rate {@link LearningRate} schedules are relative to. */
    public float baseRate() {
        return lr;
    }

    /** Loads weights and step count from a work checkpoint if there is one; true if it did. */
    public boolean resume(Path dir) throws IOException {
        Path from = WorkCheckpoints.latest(dir);
        if (from == null) return false;
        ModelManifest m = Checkpoint.verify(from);
        if (m.dataSeed() != dataSeed)
            throw new IOException(from + " was trained on data seed " + m.dataSeed() + ", not " + dataSeed);
        checkResumable(from, m);
        Checkpoint.load(from, model);
        step = m.steps();
        Path state = from.resolve(Adam.STATE_FILE);
        // exact resume: the optimiser continues too, at its saved rate (older checkpoints: fresh Adam)
        if (Files.exists(state)) adam.load(state);
        data.drain();
        return true;
    }

    /** Saves a work checkpoint; if the weights went non-finite it reloads the last one instead and returns null. */
    public ModelManifest checkpoint(Path dir, Map<String, Double> metrics) throws IOException {
        if (!WorkCheckpoints.allFinite(manager, trained)) {
            recover(dir);
            return null;
        }
        return WorkCheckpoints.save(
                dir, name, model, step, dataSeed, metrics, d -> adam.save(d.resolve(Adam.STATE_FILE)));
    }

    /**
     * One Adam step at learning rate {@code rate}; returns the loss. A non-finite loss or gradient is
     * not applied: the weights go back to the checkpoint in {@code recoverFrom} (if any) with fresh
     * optimiser state, and NaN is returned.
     */
    public double trainStep(Path recoverFrom, float rate) throws IOException {
        long following = step + 1;
        List<B> items = data.take(step, b -> following);
        adam.setRate(rate);
        NonFiniteGuard.Outcome o;
        try (NDManager scope = manager.newSubManager()) {
            for (Params p : trained) p.attachTo(scope);
            o = NonFiniteGuard.backward(() -> loss(scope, items), trained);
        }
        double loss = o.loss();
        if (!o.finiteLoss()) onNonFiniteLoss(items, loss, recoverFrom);
        if (!o.applicable()) {
            recover(recoverFrom);
            return Double.NaN;
        }
        adam.step(trained);
        step++;
        return loss;
    }

    /** This trainer as the shared {@link TrainingLoop} drives it, with its work checkpoints in {@code dir}. */
    public TrainingLoop.Trainer inLoop(Path dir) {
        return new TrainingLoop.Trainer() {
            @Override
            public long step() {
                return step;
            }

            @Override
            public float baseRate() {
                return lr;
            }

            @Override
            public double trainStep(float rate) throws IOException {
                return BatchTrainer.this.trainStep(dir, rate);
            }

            @Override
            public boolean checkpoint(double lossEma) throws IOException {
                return BatchTrainer.this.checkpoint(dir, Map.of("train_loss_ema", lossEma)) != null;
            }

            @Override
            public String skipped() {
                return lastNonFinite() + "; batch skipped, reloaded the last checkpoint";
            }
        };
    }

    /** Back to the last checkpoint (fresh arrays: weights and gradients both reset) with fresh Adam state. */
    private void recover(Path dir) throws IOException {
        nonFinite++;
        Path from = dir == null ? null : WorkCheckpoints.latest(dir);
        if (from != null) Checkpoint.load(from, model);
        else for (Params p : trained) p.clearGradients();
        adam.restart();
        step++; // move past the batch that failed rather than retry it forever
    }

    private List<B> render(long forStep) {
        List<B> out = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) out.add(item(forStep * batch + j));
        return out;
    }

    @Override
    public void close() {
        data.close();
        adam.close();
        model.close();
        manager.close();
    }
}

package lemon.mini.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lemon.mini.model.Adam;
import lemon.mini.model.Checkpoint;
import lemon.mini.model.MiniValidator;
import lemon.mini.model.ModelManifest;
import lemon.mini.model.ValidatorConfig;
import lemon.mini.render.DatasetGenerator;
import lemon.port.CompatibilityValidator.Verdict;

/**
 * Trains {@link MiniValidator} on {@link ValidatorData} rendered on the fly (the next batch is
 * rendered on a second thread while the current one trains). Batch k of the run always holds
 * training items k·B … k·B+B−1, so a resumed run sees exactly the data an uninterrupted one would.
 *
 * <p>Learning rate: constant, then a fifth of it for the last 30% of the steps (a fresh Adam, as
 * ours has a fixed rate); a cheap stand-in for a decay schedule that clearly helps accuracy.
 */
public final class ValidatorTrainer implements AutoCloseable {
    public static final String NAME = "lemon-mini-validator";

    /**
     * Held-out accuracy: people count over all images; gender over the people actually there,
     * slot by slot left to right, as the port reports it (a person the verdict does not count is
     * a wrong gender). Majority baselines are measured on the same images.
     */
    public record Metrics(int images, double countAccuracy, int people, double genderAccuracy,
                          double majorityCountAccuracy, double majorityGenderAccuracy) {
        public Map<String, Double> asMap(String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(prefix + "images", (double) images);
            m.put(prefix + "count_accuracy", countAccuracy);
            m.put(prefix + "people", (double) people);
            m.put(prefix + "gender_accuracy", genderAccuracy);
            m.put(prefix + "majority_count_accuracy", majorityCountAccuracy);
            m.put(prefix + "majority_gender_accuracy", majorityGenderAccuracy);
            return m;
        }
    }

    private final ValidatorConfig cfg;
    private final long dataSeed;
    private final int batch;
    private final float lr;
    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    private final MiniValidator model;
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "validator-data");
        t.setDaemon(true);
        return t;
    });
    private Adam adam;
    private boolean slowPhase;
    private long step;
    private long plannedSteps = Long.MAX_VALUE;
    private int nonFinite;
    private Future<List<ValidatorData.Item>> next;

    public ValidatorTrainer(ValidatorConfig cfg, long dataSeed, int batch, float lr, long initSeed) {
        this.cfg = cfg;
        this.dataSeed = dataSeed;
        this.batch = batch;
        this.lr = lr;
        this.model = new MiniValidator(cfg, manager, initSeed);
        this.adam = new Adam(manager, lr);
    }

    /** The 64×64 validator we ship: four stride-2 stages (64→4 px), ~160k parameters. */
    public static ValidatorConfig shippedConfig() {
        return new ValidatorConfig(64, 3, List.of(16, 32, 64, 64), ValidatorData.SLOTS);
    }

    public MiniValidator model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    public long step() {
        return step;
    }

    /** Non-finite losses met so far (each one reloaded the last checkpoint). */
    public int nonFiniteSteps() {
        return nonFinite;
    }

    /** Total steps of this run, for the learning-rate schedule. */
    public void plan(long totalSteps) {
        this.plannedSteps = totalSteps;
    }

    /** Loads weights and step count from a work checkpoint if there is one; true if it did. */
    public boolean resume(Path dir) throws IOException {
        Path from = WorkCheckpoints.latest(dir);
        if (from == null) return false;
        ModelManifest m = Checkpoint.load(from, model);
        if (m.dataSeed() != dataSeed) throw new IOException(from + " was trained on data seed " + m.dataSeed() + ", not " + dataSeed);
        step = m.steps();
        next = null;
        return true;
    }

    /** Saves a work checkpoint; if the weights went non-finite it reloads the last one instead and returns null. */
    public ModelManifest checkpoint(Path dir, Map<String, Double> metrics) throws IOException {
        if (!WorkCheckpoints.allFinite(manager, model.params())) {
            recover(dir);
            return null;
        }
        return WorkCheckpoints.save(dir, NAME, model, step, dataSeed, metrics);
    }

    /**
     * One Adam step; returns the loss. A non-finite loss is not applied: the weights go back to
     * the checkpoint in {@code recoverFrom} (if any) with fresh optimiser state, and NaN is returned.
     */
    public double trainStep(Path recoverFrom) throws IOException {
        List<ValidatorData.Item> items = batchItems();
        updateSchedule();
        double loss;
        try (NDManager scope = manager.newSubManager()) {
            model.params().attachTo(scope);
            NDArray x = ImageTensors.batch(scope, items.stream().map(ValidatorData.Item::image).toList());
            long[] counts = new long[items.size()], genders = new long[items.size() * ValidatorData.SLOTS];
            for (int i = 0; i < items.size(); i++) {
                counts[i] = MiniValidator.countClass(items.get(i).people());
                for (int s = 0; s < ValidatorData.SLOTS; s++) genders[i * ValidatorData.SLOTS + s] = items.get(i).genders()[s];
            }
            NDArray cl = scope.create(counts), gl = scope.create(genders, new Shape(items.size(), ValidatorData.SLOTS));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = model.loss(model.forward(x), cl, gl);
                loss = l.getFloat();
                if (Double.isFinite(loss)) gc.backward(l);
            }
        }
        if (!Double.isFinite(loss)) {
            recover(recoverFrom);
            return loss;
        }
        adam.step(model.params());
        step++;
        return loss;
    }

    private void recover(Path dir) throws IOException {
        nonFinite++;
        Path from = dir == null ? null : WorkCheckpoints.latest(dir);
        if (from != null) Checkpoint.load(from, model);  // fresh arrays: weights and gradients both reset
        adam.close();
        adam = new Adam(manager, slowPhase ? lr / 5 : lr);
        step++;  // move past the batch that failed rather than retry it forever
    }

    private void updateSchedule() {
        boolean slow = plannedSteps != Long.MAX_VALUE && step >= (long) (plannedSteps * 0.7);
        if (slow != slowPhase) {
            slowPhase = slow;
            adam.close();
            adam = new Adam(manager, slow ? lr / 5 : lr);
        }
    }

    /** Items of the current step, rendering the following step's batch in the background. */
    private List<ValidatorData.Item> batchItems() {
        List<ValidatorData.Item> items;
        try {
            items = next != null ? next.get() : render(step);
        } catch (Exception e) {
            throw new IllegalStateException("rendering training data failed", e);
        }
        long following = step + 1;
        next = renderer.submit(() -> render(following));
        return items;
    }

    private List<ValidatorData.Item> render(long forStep) {
        List<ValidatorData.Item> out = new ArrayList<>(batch);
        for (int j = 0; j < batch; j++) out.add(ValidatorData.item(dataSeed, trainIndex(forStep * batch + j), cfg.imageSize()));
        return out;
    }

    /** Training item k → a dataset index outside the validation split (validation hits jump far away). */
    static int trainIndex(long k) {
        long i = k;
        while (DatasetGenerator.isValidation(i)) i += 1L << 26;
        return Math.toIntExact(i);
    }

    /** Accuracy on the first n validation-split items of a seed, in batches of 50. */
    public static Metrics evaluate(MiniValidatorAdapter v, long seed, int n, int size) {
        int countRight = 0, people = 0, genderRight = 0;
        int[] byCount = new int[4];
        int[] byGender = new int[2];
        List<Integer> idx = ValidatorData.indices(0, n, true);
        for (int from = 0; from < n; from += 50) {
            List<ValidatorData.Item> items = idx.subList(from, Math.min(n, from + 50)).stream()
                .map(i -> ValidatorData.item(seed, i, size)).toList();
            List<Verdict> verdicts = v.inspect(items.stream().map(ValidatorData.Item::image).toList());
            for (int i = 0; i < items.size(); i++) {
                ValidatorData.Item it = items.get(i);
                Verdict vd = verdicts.get(i);
                byCount[it.people()]++;
                if (vd.people() == it.people()) countRight++;
                for (int s = 0; s < it.people(); s++) {
                    people++;
                    byGender[it.genders()[s]]++;
                    boolean male = it.genders()[s] == ValidatorData.MALE;
                    if (s < vd.genders().size() && (vd.genders().get(s) == lemon.model.Gender.MALE) == male) genderRight++;
                }
            }
        }
        int majority = Math.max(Math.max(byCount[0], byCount[1]), Math.max(byCount[2], byCount[3]));
        return new Metrics(n, countRight / (double) n, people, genderRight / (double) Math.max(1, people),
            majority / (double) n, Math.max(byGender[0], byGender[1]) / (double) Math.max(1, people));
    }

    @Override
    public void close() {
        renderer.shutdownNow();
        adam.close();
        model.close();
        manager.close();
    }
}

package lemon.mini.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniValidator;
import lemon.mini.models.ValidatorConfig;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.render.DatasetGenerator;
import lemon.port.CompatibilityValidator.Verdict;

/**
 * Trains {@link MiniValidator} (people count + gender per slot) on {@link ValidatorData}
 * rendered on the fly; data order, resume and NaN guard are {@link BatchTrainer}'s, the
 * learning-rate drop the loop's ({@link LearningRate#DROP_LAST_30_PERCENT}).
 */
public final class ValidatorTrainer extends BatchTrainer<ValidatorData.Item, MiniValidator> {
    public static final String NAME = "lemon-mini-validator";

    /**
     * Held-out accuracy: people count over all images; gender over the people actually there,
     * slot by slot left to right, as the port reports it (a person the verdict does not count is
     * a wrong gender). Majority baselines are measured on the same images.
     */
    public record Metrics(
            int images,
            double countAccuracy,
            int people,
            double genderAccuracy,
            double majorityCountAccuracy,
            double majorityGenderAccuracy) {
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

    public ValidatorTrainer(ValidatorConfig cfg, long dataSeed, int batch, float lr, long initSeed) {
        super(NAME, "validator-data", dataSeed, batch, lr, m -> new MiniValidator(cfg, m, initSeed));
        this.cfg = cfg;
    }

    /** The 64×64 validator we ship: four stride-2 stages (64→4 px), ~160k parameters. */
    public static ValidatorConfig shippedConfig() {
        return new ValidatorConfig(64, 3, List.of(16, 32, 64, 64), ValidatorData.SLOTS);
    }

    @Override
    protected ValidatorData.Item item(long k) {
        return ValidatorData.item(dataSeed, trainIndex(k), cfg.imageSize());
    }

    @Override
    protected NDArray loss(NDManager scope, List<ValidatorData.Item> items) {
        NDArray x = ImageTensors.batch(
                scope, items.stream().map(ValidatorData.Item::image).toList());
        long[] counts = new long[items.size()], genders = new long[items.size() * ValidatorData.SLOTS];
        for (int i = 0; i < items.size(); i++) {
            counts[i] = MiniValidator.countClass(items.get(i).people());
            for (int s = 0; s < ValidatorData.SLOTS; s++)
                genders[i * ValidatorData.SLOTS + s] = items.get(i).genders()[s];
        }
        NDArray cl = scope.create(counts), gl = scope.create(genders, new Shape(items.size(), ValidatorData.SLOTS));
        return model.loss(model.forward(x), cl, gl);
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
                    .map(i -> ValidatorData.item(seed, i, size))
                    .toList();
            List<Verdict> verdicts =
                    v.inspect(items.stream().map(ValidatorData.Item::image).toList());
            for (int i = 0; i < items.size(); i++) {
                ValidatorData.Item it = items.get(i);
                Verdict vd = verdicts.get(i);
                byCount[it.people()]++;
                if (vd.people() == it.people()) countRight++;
                for (int s = 0; s < it.people(); s++) {
                    people++;
                    byGender[it.genders()[s]]++;
                    boolean male = it.genders()[s] == ValidatorData.MALE;
                    if (s < vd.genders().size() && (vd.genders().get(s) == lemon.story.Gender.MALE) == male)
                        genderRight++;
                }
            }
        }
        int majority = Math.max(Math.max(byCount[0], byCount[1]), Math.max(byCount[2], byCount[3]));
        return new Metrics(
                n,
                countRight / (double) n,
                people,
                genderRight / (double) Math.max(1, people),
                majority / (double) n,
                Math.max(byGender[0], byGender[1]) / (double) Math.max(1, people));
    }
}

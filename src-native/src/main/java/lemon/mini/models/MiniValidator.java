package lemon.mini.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Checks a generated image: how many people (0, 1, 2, 3+) and, per person slot from left to
 * right, their gender (male, female, none). A small CNN with two linear heads.
 */
public final class MiniValidator implements MiniModel {
    /** Gender classes per slot: the order of the gender head's outputs (NONE: no person in the slot). */
    public static final int MALE = 0, FEMALE = 1, NONE = 2;

    /** Logits: count [B, 4], gender [B, slots, 3]. */
    public record Output(NDArray count, NDArray gender) {}

    private final ValidatorConfig cfg;
    private final Params params;

    public MiniValidator(ValidatorConfig cfg, NDManager parent, long seed) {
        this.cfg = cfg;
        this.params = new Params(parent);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        ConvEncoder.create(params, "features.", cfg.inChannels(), cfg.widths());
        int feat = cfg.widths().get(cfg.widths().size() - 1) * cfg.featureSize() * cfg.featureSize();
        params.linear("count_head", feat, ValidatorConfig.COUNT_CLASSES, true);
        params.linear("gender_head", feat, (long) cfg.slots() * ValidatorConfig.GENDER_CLASSES, true);
    }

    @Override
    public String kind() {
        return "validator";
    }

    @Override
    public ValidatorConfig config() {
        return cfg;
    }

    @Override
    public Params params() {
        return params;
    }

    public Output forward(NDArray images) {
        NDArray f = ConvEncoder.forward(params, "features.", images, cfg.widths());
        NDArray gender = Nn.linear(f, params, "gender_head").reshape(-1, cfg.slots(), ValidatorConfig.GENDER_CLASSES);
        return new Output(Nn.linear(f, params, "count_head"), gender);
    }

    /** Sum of both cross-entropies; countLabels [B], genderLabels [B, slots] (int64). */
    public NDArray loss(Output out, NDArray countLabels, NDArray genderLabels) {
        NDArray g = out.gender().reshape(-1, ValidatorConfig.GENDER_CLASSES);
        return Nn.crossEntropy(out.count(), countLabels).add(Nn.crossEntropy(g, genderLabels.reshape(-1)));
    }

    /** Count class for a number of people (3 and more share a class). */
    public static int countClass(int people) {
        return Math.min(people, 3);
    }

    /** Shape helper for labels. */
    public Shape genderLabelShape(int batch) {
        return new Shape(batch, cfg.slots());
    }
}

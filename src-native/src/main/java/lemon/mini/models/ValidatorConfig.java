package lemon.mini.models;

import java.util.List;

/** Size of a {@link MiniValidator}: image size, conv widths (each halves the resolution), person slots. */
public record ValidatorConfig(int imageSize, int inChannels, List<Integer> widths, int slots) {
    public static final int COUNT_CLASSES = 4; // 0, 1, 2, 3+
    public static final int GENDER_CLASSES = 3; // male, female, none

    public ValidatorConfig {
        widths = List.copyOf(widths);
        if (imageSize % (1 << widths.size()) != 0)
            throw new IllegalArgumentException("image size must be divisible by 2^" + widths.size());
    }

    public static ValidatorConfig mini() {
        return new ValidatorConfig(32, 3, List.of(32, 64, 128), 3);
    }

    public static ValidatorConfig tiny() {
        return new ValidatorConfig(16, 3, List.of(8, 16), 3);
    }

    /** Spatial size of the last feature map. */
    public int featureSize() {
        return imageSize >> widths.size();
    }
}

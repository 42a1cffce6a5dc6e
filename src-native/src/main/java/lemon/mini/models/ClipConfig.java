package lemon.mini.models;

import java.util.List;

/** Size of a {@link MiniClip}: conv image tower, a text encoder, shared embedding width. */
public record ClipConfig(int imageSize, List<Integer> imageWidths, TextEncoderConfig text, int embedDim) {
    public ClipConfig {
        imageWidths = List.copyOf(imageWidths);
    }

    public static ClipConfig mini() {
        return new ClipConfig(32, List.of(32, 64, 128), TextEncoderConfig.mini(), 128);
    }

    public static ClipConfig tiny() {
        return new ClipConfig(16, List.of(8, 16), TextEncoderConfig.tiny(), 16);
    }
}

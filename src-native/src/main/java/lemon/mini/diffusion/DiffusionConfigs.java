package lemon.mini.diffusion;

import java.util.List;
import lemon.mini.model.TextEncoderConfig;
import lemon.mini.model.UNetConfig;

/**
 * Model sizes for portrait diffusion on 2 CPU cores. The UNet is {@link UNetConfig#miniPixel()}'s
 * layout (32×32×3, 32/64/128 channels, cross-attention at 16×16 and 8×8) reading a narrower text
 * encoder, so a batch-32 step stays near a few hundred milliseconds.
 */
public final class DiffusionConfigs {
    private DiffusionConfigs() {}

    /** Word vocabulary rows; portrait captions use under 200 distinct words. */
    public static final int VOCAB = 256;

    public static TextEncoderConfig text() {
        return new TextEncoderConfig(VOCAB, 64, 2, 4, 48, 128);
    }

    public static UNetConfig unet() {
        return new UNetConfig(3, 3, PortraitData.SMALL, 32, List.of(1, 2, 2), 1, List.of(2), 4, 64, 8);
    }

    /** Test-sized pair: 8×8 images, 8/16 channels. */
    public static TextEncoderConfig tinyText() {
        return new TextEncoderConfig(VOCAB, 16, 1, 2, 48, 32);
    }

    public static UNetConfig tinyUnet(int size) {
        return new UNetConfig(3, 3, size, 8, List.of(1, 2), 1, List.of(1), 2, 16, 4);
    }
}

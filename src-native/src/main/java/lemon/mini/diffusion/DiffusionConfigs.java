package lemon.mini.diffusion;

import java.util.List;
import lemon.mini.model.TextEncoderConfig;
import lemon.mini.model.UNetConfig;

/**
 * Model sizes for portrait diffusion on 2 (shared) CPU cores. The UNet has {@link UNetConfig#miniPixel()}'s
 * layout scaled down to 16/32/64 channels at 32/16/8 px, with self + cross-attention only at 8×8
 * and in the middle block, reading a 64-wide two-layer text encoder: the cores are shared with
 * another training job, and the miniPixel widths (3.9M parameters) ran at ~2.6 s per batch-32 step
 * under that load.
 */
public final class DiffusionConfigs {
    private DiffusionConfigs() {}

    /** Word vocabulary rows; portrait captions use under 200 distinct words. */
    public static final int VOCAB = 256;

    public static TextEncoderConfig text() {
        return new TextEncoderConfig(VOCAB, 64, 2, 4, 48, 128);
    }

    public static UNetConfig unet() {
        return new UNetConfig(3, 3, PortraitData.SMALL, 16, List.of(1, 2, 4), 1, List.of(2), 4, 64, 8);
    }

    /** Test-sized pair: 8×8 images, 8/16 channels. */
    public static TextEncoderConfig tinyText() {
        return new TextEncoderConfig(VOCAB, 16, 1, 2, 48, 32);
    }

    public static UNetConfig tinyUnet(int size) {
        return new UNetConfig(3, 3, size, 8, List.of(1, 2), 1, List.of(1), 2, 16, 4);
    }
}

package lemon.mini.models;

import java.util.List;

/**
 * Model sizes for portrait diffusion on 2 CPU cores. The UNet has {@link UNetConfig#miniPixel()}'s
 * layout scaled down to 16/32/64 channels at 32/16/8 px, with self + cross-attention only at 8×8
 * and in the middle block (the miniPixel widths, 3.9M parameters, ran at ~2.6 s per batch-32 step
 * here). It reads the 128-wide states of CLIP-mini's frozen text tower, and its pooled vector
 * through SD-XL's add_embedding path, so colour and gender words reach every residual block.
 */
public final class DiffusionConfigs {
    private DiffusionConfigs() {}

    /** Word vocabulary rows of the test-sized text encoder. */
    public static final int VOCAB = 256;
    /** Side of the portraits the UNet samples (the upsampler doubles it). */
    public static final int SAMPLE_SIZE = 32;

    public static UNetConfig unet() {
        return new UNetConfig(3, 3, SAMPLE_SIZE, 16, List.of(1, 2, 4), 1, List.of(2), 4, 128, 8, true);
    }

    /** Test-sized pair: 8×8 images, 8/16 channels. */
    public static TextEncoderConfig tinyText() {
        return new TextEncoderConfig(VOCAB, 16, 1, 2, 48, 32);
    }

    public static UNetConfig tinyUnet(int size) {
        return new UNetConfig(3, 3, size, 8, List.of(1, 2), 1, List.of(1), 2, 16, 4, true);
    }
}

package lemon.mini.models;

import java.util.List;

/**
 * Size of a {@link MiniUNet} (the layout of SD-1.x's LDM UNet, scaled).
 *
 * @param sampleSize        spatial size of the (latent or pixel) input the model is trained on
 * @param channelMult       channel multiplier per resolution level (one 2× downsampling between levels)
 * @param attentionLevels   levels (0 = full resolution) whose blocks carry self + cross attention
 * @param heads             attention heads (SD-1.x: 8 at every level, so head size grows with width)
 * @param contextDim        width of the text states cross-attention reads
 * @param groups            GroupNorm groups (SD: 32)
 * @param addPooled         also add the pooled text vector (projected) to the timestep embedding, as
 *                          SD-XL's {@code add_embedding} does: a global conditioning path that every
 *                          residual block sees; SD-1.x has none
 */
public record UNetConfig(
        int inChannels,
        int outChannels,
        int sampleSize,
        int modelChannels,
        List<Integer> channelMult,
        int numResBlocks,
        List<Integer> attentionLevels,
        int heads,
        int contextDim,
        int groups,
        boolean addPooled) {
    /** SD-1.5's UNet as published: 859,520,964 parameters. */
    public static final long SD1X_PUBLISHED_PARAMS = 859_520_964L;

    public UNetConfig {
        channelMult = List.copyOf(channelMult);
        attentionLevels = List.copyOf(attentionLevels);
        for (int m : channelMult) {
            if (m * modelChannels % groups != 0)
                throw new IllegalArgumentException(
                        "channels " + m * modelChannels + " not divisible by " + groups + " groups");
            if (m * modelChannels % heads != 0)
                throw new IllegalArgumentException(
                        "channels " + m * modelChannels + " not divisible by " + heads + " heads");
        }
    }

    /** lemon-mini latent space: 16×16×4 latents, 32/64/128 channels, attention at 8×8 and 4×4. */
    public static UNetConfig mini() {
        return new UNetConfig(4, 4, 16, 32, List.of(1, 2, 4), 1, List.of(1, 2), 4, 128, 8, false);
    }

    /** lemon-mini pixel space: 32×32×3 images, same widths. */
    public static UNetConfig miniPixel() {
        return new UNetConfig(3, 3, 32, 32, List.of(1, 2, 4), 1, List.of(1, 2), 4, 128, 8, false);
    }

    /** Test-sized: 8×8×4, 16/32 channels. */
    public static UNetConfig tiny() {
        return new UNetConfig(4, 4, 8, 16, List.of(1, 2), 1, List.of(1), 2, 32, 4, false);
    }

    /** SD-1.x: 4 latent channels, base 320, mults 1,2,4,4, 2 res blocks, attention at the first three levels. */
    public static UNetConfig sd1x() {
        return new UNetConfig(4, 4, 64, 320, List.of(1, 2, 4, 4), 2, List.of(0, 1, 2), 8, 768, 32, false);
    }

    public int timeEmbedDim() {
        return modelChannels * 4;
    }

    /** Parameter count from the layout alone (no tensors allocated). */
    public long parameterCount() {
        return UNetLayout.of(this).parameterCount(this);
    }
}

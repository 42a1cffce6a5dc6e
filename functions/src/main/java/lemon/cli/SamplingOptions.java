package lemon.cli;

import lemon.mini.pipelines.PortraitPipeline;
import picocli.CommandLine.Option;

/** --guidance and --rescale: how the diffusion model samples; by default as runs paint. */
public class SamplingOptions {
    @Option(
            names = "--guidance",
            defaultValue = "" + PortraitPipeline.DEFAULT_GUIDANCE,
            description = "classifier-free guidance scale (default " + PortraitPipeline.DEFAULT_GUIDANCE
                    + ", as runs paint; 1 = none)")
    float guidance;

    @Option(
            names = "--rescale",
            defaultValue = "" + PortraitPipeline.DEFAULT_RESCALE,
            description = "guidance rescale φ, 0 to 1: keeps strong guidance from oversaturating colours (default "
                    + PortraitPipeline.DEFAULT_RESCALE + "; 0 = off)")
    float rescale;

    /**
     * These options with {@code steps} DDIM steps; a value out of range is refused with the option's
     * name ("--rescale must be between 0 and 1, got 2.0"), as the record names its components after them.
     */
    PortraitPipeline.Sampling sampling(int steps) {
        try {
            return new PortraitPipeline.Sampling(steps, guidance, rescale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }
}

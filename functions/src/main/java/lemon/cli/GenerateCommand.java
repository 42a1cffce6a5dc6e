package lemon.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lemon.mini.pipelines.ContactSheet;
import lemon.mini.pipelines.PortraitPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Portraits of one description from the bundled diffusion model, as a contact sheet to look at. */
@Command(
        name = "generate",
        description = "Paint portraits of a description with the lemon-mini diffusion model and write a contact sheet "
                + "(--review: the 16-portrait review sheet of four fixed descriptions).")
public class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DESCRIPTION", description = "who to paint, in words")
    String description;

    @Option(names = "-n", defaultValue = "4", description = "portraits (default 4)")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "first seed; portrait i uses seed + i (default 1)")
    long seed;

    @Option(
            names = "--steps",
            defaultValue = "" + PortraitPipeline.DEFAULT_STEPS,
            description = "DDIM steps (default 20)")
    int steps;

    @Mixin
    SamplingOptions samplingOptions;

    @Option(names = "--review", description = "write the review sheet: 4 descriptions × 4 seeds")
    boolean review;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            description = "sheet to write (default lemon-generate.png, lemon-review.png with --review)")
    Path out;

    @Option(
            names = "--weights",
            paramLabel = "DIR",
            description = "a generator directory (text/, unet/, upsampler/) instead of the bundled one")
    Path weights;

    @Override
    public Integer call() throws Exception {
        String problem = review
                ? null
                : description == null || description.isBlank()
                        ? "give a description, e.g. lemon generate \"an old man with a white beard\" (or --review)"
                        : n < 1 || n > 64 ? "-n must be between 1 and 64, got " + n : null;
        PortraitPipeline.Sampling sampling = null;
        if (problem == null) {
            try {
                sampling = samplingOptions.sampling(steps);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            System.err.println("lemon: " + problem);
            return 2;
        }
        Path target = out != null ? out : Path.of(review ? "lemon-review.png" : "lemon-generate.png");
        PortraitPipeline loaded;
        try {
            loaded = weights == null ? PortraitPipeline.loadDefault() : PortraitPipeline.load(weights);
        } catch (java.io.IOException e) {
            System.err.println("lemon: cannot load the diffusion model from "
                    + (weights == null ? "the bundled weights" : weights) + ": " + e.getMessage());
            return 2;
        }
        try (PortraitPipeline gen = loaded) {
            long t0 = System.nanoTime();
            BufferedImage sheet = review
                    ? ContactSheet.review(gen, sampling)
                    : ContactSheet.generate(gen, description, n, seed, sampling);
            ContactSheet.write(sheet, target);
            int count = review ? 16 : n;
            System.out.printf(
                    Locale.ROOT,
                    "%d portraits (64×64, %s, UNet trained %d steps) in %.1f s → %s%n",
                    count,
                    sampling,
                    gen.trainedSteps(),
                    (System.nanoTime() - t0) / 1e9,
                    target);
            if (!review) {
                System.out.println("the model reads: " + gen.normalise(description));
            }
        }
        return 0;
    }
}

package lemon.mini.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import lemon.mini.loaders.Checkpoint;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.loaders.ModelManifest;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.ImageTensors;
import lemon.mini.models.MiniClip;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.render.Attributes;
import lemon.mini.render.Sample;

/**
 * Does the generator draw what the caption says? For held-out (validation-split) captions it
 * generates one 64×64 portrait each and asks {@link AttributeProbe} for gender, hair colour and
 * clothing colour; the same images drawn unconditionally (empty caption) give the chance
 * baseline, and the probe's accuracy on the real held-out renders gives its ceiling. CLIP-T:
 * CLIP-mini's cosine of each generated image with its caption against shuffled pairs. Then a
 * speed benchmark: ms per portrait at the default steps against steps = 1, and batch throughput.
 * Usage: {@code [captions=200] [--weights DIR]}.
 */
public final class EvalDiffusion {
    private EvalDiffusion() {}

    /** Accuracy per probe head for conditional, unconditional and real held-out images. */
    public record Result(
            double[] conditional,
            double[] unconditional,
            double[] realRenders,
            int captions,
            List<BufferedImage> generated,
            List<String> captionsUsed,
            List<Attributes> truth) {}

    public static Result evaluate(PortraitPipeline gen, AttributeProbe probe, int n, int batch, long seed) {
        return evaluate(gen, probe, n, batch, seed, PortraitPipeline.Sampling.DEFAULT);
    }

    public static Result evaluate(
            PortraitPipeline gen,
            AttributeProbe probe,
            int n,
            int batch,
            long seed,
            PortraitPipeline.Sampling sampling) {
        List<Integer> idx = PortraitData.validationIndices(n);
        List<String> captions = new ArrayList<>();
        List<Attributes> truth = new ArrayList<>();
        List<BufferedImage> real = new ArrayList<>();
        for (int i : idx) {
            Sample s = PortraitData.portrait(
                    PortraitDiffusionTrainer.Settings.standard().dataSeed(), i, PortraitData.LARGE);
            captions.add(s.caption());
            truth.add(s.attributes());
            real.add(s.image());
        }
        List<BufferedImage> cond = generate(gen, captions, batch, seed, sampling);
        List<BufferedImage> uncond = generate(gen, Collections.nCopies(n, ""), batch, seed, sampling.withGuidance(1f));
        return new Result(
                probe.accuracy(cond, truth),
                probe.accuracy(uncond, truth),
                probe.accuracy(real, truth),
                n,
                cond,
                captions,
                truth);
    }

    /** One portrait per caption in batches; batch k starts from seed + k·batch, as in {@link #evaluate}. */
    static List<BufferedImage> generate(
            PortraitPipeline gen, List<String> captions, int batch, long seed, PortraitPipeline.Sampling sampling) {
        List<BufferedImage> out = new ArrayList<>();
        for (int from = 0; from < captions.size(); from += batch) {
            out.addAll(gen.generateAll(
                    captions.subList(from, Math.min(captions.size(), from + batch)), seed + from, sampling));
        }
        return out;
    }

    /**
     * Prints faithfulness (probe), CLIP-T against shuffled pairs and the speed benchmark.
     * {@code weights}: a generator directory, or null for the committed one; {@code clipDir} likewise.
     */
    public static void report(int n, Path weights, Path clipDir, java.io.PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        AttributeProbe probe = AttributeProbe.forEvaluation();
        out.printf(Locale.ROOT, "probe trained on 6000 training renders in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (PortraitPipeline gen = weights == null ? PortraitPipeline.loadDefault() : PortraitPipeline.load(weights)) {
            t0 = System.nanoTime();
            Result r = evaluate(gen, probe, n, 25, 1000);
            out.printf(
                    Locale.ROOT,
                    "%d held-out captions, %s (UNet trained %d steps), %.1f s%n",
                    n,
                    PortraitPipeline.Sampling.DEFAULT,
                    gen.trainedSteps(),
                    (System.nanoTime() - t0) / 1e9);
            out.printf(
                    Locale.ROOT,
                    "%-16s %12s %14s %14s %8s%n",
                    "attribute",
                    "conditional",
                    "unconditional",
                    "real renders",
                    "target");
            String[] names = {"gender", "hair colour", "clothing colour"};
            int[] targets = {85, 70, 70};
            for (int h = 0; h < 3; h++) {
                out.printf(
                        Locale.ROOT,
                        "%-16s %11.1f%% %13.1f%% %13.1f%% %7d%%%n",
                        names[h],
                        100 * r.conditional()[h],
                        100 * r.unconditional()[h],
                        100 * r.realRenders()[h],
                        targets[h]);
            }
            PortraitPipeline.Sampling plain = new PortraitPipeline.Sampling(
                    PortraitPipeline.DEFAULT_STEPS, PortraitPipeline.DEFAULT_GUIDANCE, 0f);
            // the same captions and start noise; the unconditional and real images do not depend on φ
            double[] noRescale = probe.accuracy(generate(gen, r.captionsUsed(), 25, 1000, plain), r.truth());
            out.printf(
                    Locale.ROOT,
                    "ablation, guidance not rescaled (%s): %.1f%% / %.1f%% / %.1f%%%n",
                    plain,
                    100 * noRescale[0],
                    100 * noRescale[1],
                    100 * noRescale[2]);
            double[] ct = clipT(clipDir != null ? clipDir : MiniWeights.clipDir(), r.generated(), r.captionsUsed());
            out.printf(
                    Locale.ROOT,
                    "CLIP-T (CLIP-mini cosine, generated image vs its caption): %.3f; shuffled pairs %.3f; difference %.3f%n",
                    ct[0],
                    ct[1],
                    ct[0] - ct[1]);
            benchmark(gen, out);
        }
    }

    /**
     * Mean CLIP-mini cosine of each image with its own caption and with the next image's caption
     * (a shuffled pairing); images are resized to CLIP-mini's input size.
     */
    public static double[] clipT(Path clipDir, List<BufferedImage> images, List<String> captions) throws IOException {
        ModelManifest mf = Checkpoint.verify(clipDir);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager();
                MiniClip clip = new MiniClip(
                        mf.config(ClipConfig.class), CaptionTokenizer.load(clipDir.resolve("tokenizer.json")), m, 0)) {
            Checkpoint.load(clipDir, clip);
            int size = clip.config().imageSize(), n = images.size();
            double matching = 0, shuffled = 0;
            for (int from = 0; from < n; from += 50) {
                try (NDManager scope = m.newSubManager()) {
                    clip.attachTo(scope);
                    int to = Math.min(n, from + 50);
                    List<BufferedImage> part = images.subList(from, to).stream()
                            .map(i -> ImageTensors.fit(i, size))
                            .toList();
                    List<String> next = new ArrayList<>();
                    for (int i = from; i < to; i++) next.add(captions.get((i + 1) % n));
                    NDArray img = clip.embedImages(ImageTensors.batch(scope, part));
                    matching += img.mul(clip.embedTexts(scope, captions.subList(from, to)))
                            .sum()
                            .getFloat();
                    shuffled += img.mul(clip.embedTexts(scope, next)).sum().getFloat();
                }
            }
            return new double[] {matching / n, shuffled / n};
        }
    }

    /** Median wall time per portrait: one image at the default steps vs steps = 1, then a batch of 16. */
    static void benchmark(PortraitPipeline gen, java.io.PrintStream out) {
        String d = "a young woman with long red hair, wearing a blue dress";
        gen.generate(d, 1, 0); // warm-up
        double full = median(() -> gen.generate(d, 1, 1), 5);
        double one = median(() -> gen.generate(d, 1, 1, PortraitPipeline.Sampling.DEFAULT.withSteps(1)), 5);
        double batch16 = median(() -> gen.generate(d, 16, 1), 2) / 16;
        out.printf(
                Locale.ROOT,
                "speed (64×64, incl. text encoding + upsampler): %d steps %.0f ms/portrait; steps=1 %.0f ms/portrait; "
                        + "batch of 16 at %d steps %.0f ms/portrait (%.1f portraits/s)%n",
                PortraitPipeline.DEFAULT_STEPS,
                full,
                one,
                PortraitPipeline.DEFAULT_STEPS,
                batch16,
                1000 / batch16);
    }

    private static double median(Runnable r, int times) {
        double[] ms = new double[times];
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[times / 2];
    }
}

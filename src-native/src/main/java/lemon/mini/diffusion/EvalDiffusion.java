package lemon.mini.diffusion;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import lemon.mini.render.Attributes;
import lemon.mini.render.Sample;

/**
 * Does the generator draw what the caption says? For held-out (validation-split) captions it
 * generates one 64×64 portrait each and asks {@link AttributeProbe} for gender, hair colour and
 * clothing colour; the same images drawn unconditionally (empty caption) give the chance
 * baseline, and the probe's accuracy on the real held-out renders gives its ceiling. Then a speed
 * benchmark: ms per portrait at the default steps against steps = 1, and batch throughput.
 * Usage: {@code [captions=200] [--weights DIR]}.
 */
public final class EvalDiffusion {
    private EvalDiffusion() {}

    /** Accuracy per probe head for conditional, unconditional and real held-out images. */
    public record Result(double[] conditional, double[] unconditional, double[] realRenders, int captions) {}

    public static Result evaluate(PortraitGenerator gen, AttributeProbe probe, int n, int batch, long seed) {
        List<Integer> idx = PortraitData.validationIndices(n);
        List<String> captions = new ArrayList<>();
        List<Attributes> truth = new ArrayList<>();
        List<BufferedImage> real = new ArrayList<>();
        for (int i : idx) {
            Sample s = PortraitData.portrait(PortraitDiffusionTrainer.Settings.standard().dataSeed(), i, PortraitData.LARGE);
            captions.add(s.caption());
            truth.add(s.attributes());
            real.add(s.image());
        }
        List<BufferedImage> cond = new ArrayList<>(), uncond = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            List<String> part = captions.subList(from, Math.min(n, from + batch));
            cond.addAll(gen.generateAll(part, seed + from, PortraitGenerator.DEFAULT_STEPS, PortraitGenerator.DEFAULT_GUIDANCE));
            uncond.addAll(gen.generateAll(Collections.nCopies(part.size(), ""), seed + from, PortraitGenerator.DEFAULT_STEPS, 1f));
        }
        return new Result(probe.accuracy(cond, truth), probe.accuracy(uncond, truth), probe.accuracy(real, truth), n);
    }

    public static void main(String[] args) throws IOException {
        int n = 200;
        Path weights = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--weights")) weights = Path.of(args[++i]);
            else n = Integer.parseInt(args[i]);
        }
        long t0 = System.nanoTime();
        AttributeProbe probe = AttributeProbe.train(7, 6000, 15);
        System.out.printf(Locale.ROOT, "probe trained on 6000 training renders in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (PortraitGenerator gen = weights == null ? PortraitGenerator.loadDefault() : PortraitGenerator.load(weights)) {
            t0 = System.nanoTime();
            Result r = evaluate(gen, probe, n, 25, 1000);
            System.out.printf(Locale.ROOT, "%d held-out captions, DDIM %d steps, guidance %.1f (UNet trained %d steps), %.1f s%n",
                n, PortraitGenerator.DEFAULT_STEPS, PortraitGenerator.DEFAULT_GUIDANCE, gen.trainedSteps(), (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "%-16s %12s %14s %14s %8s%n", "attribute", "conditional", "unconditional", "real renders", "target");
            String[] names = {"gender", "hair colour", "clothing colour"};
            int[] targets = {85, 70, 70};
            for (int h = 0; h < 3; h++) {
                System.out.printf(Locale.ROOT, "%-16s %11.1f%% %13.1f%% %13.1f%% %7d%%%n", names[h],
                    100 * r.conditional()[h], 100 * r.unconditional()[h], 100 * r.realRenders()[h], targets[h]);
            }
            benchmark(gen);
        }
    }

    /** Median wall time per portrait: one image at the default steps vs steps = 1, then a batch of 16. */
    static void benchmark(PortraitGenerator gen) {
        String d = "a young woman with long red hair, wearing a blue dress";
        gen.generate(d, 1, 0); // warm-up
        double full = median(() -> gen.generate(d, 1, 1), 5);
        double one = median(() -> gen.generate(d, 1, 1, 1, PortraitGenerator.DEFAULT_GUIDANCE), 5);
        double batch16 = median(() -> gen.generate(d, 16, 1), 2) / 16;
        System.out.printf(Locale.ROOT, "speed (64×64, incl. text encoding + upsampler): %d steps %.0f ms/portrait; steps=1 %.0f ms/portrait; "
            + "batch of 16 at %d steps %.0f ms/portrait (%.1f portraits/s)%n", PortraitGenerator.DEFAULT_STEPS, full, one,
            PortraitGenerator.DEFAULT_STEPS, batch16, 1000 / batch16);
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

package lemon.mini.training;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import lemon.mini.loaders.MiniWeights;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.pipelines.PortraitPipeline.CanvasSize;
import lemon.mini.pipelines.PortraitPipeline.Sampling;
import lemon.mini.pipelines.SceneRegions;
import lemon.mini.render.Attributes;
import lemon.mini.render.Sample;
import lemon.port.CompatibilityValidator.Verdict;

/**
 * Does the generator paint the scene a caption asks for? For held-out scene captions (validation
 * indices of the diffusion data stream, 1–3 people) it paints one scene each on the pipeline's
 * scene canvas, then asks the validator how many people it shows and, on each person's column
 * ({@link SceneRegions#squares}), the scene-trained {@link AttributeProbe} for gender, hair and
 * clothing colour against the caption's person in that column. The same seeds painted
 * unconditionally give the chance baseline; the real renders of those captions at the output size
 * say how far the validator and probe can be trusted.
 */
public final class EvalScenes {
    private EvalScenes() {}

    /** Scenes per sampling batch (as the image generator batches them). */
    static final int BATCH = 16;

    /**
     * Accuracies of one set of images: the validator's people count per scene, and the probe's
     * gender, hair and clothing colour per person.
     */
    public record Scores(double count, double gender, double hair, double clothing) {}

    /**
     * @param byPeople held-out scenes with 1, 2 and 3 people (index 0, 1, 2)
     * @param canvas   the canvas painted (the images are twice its size)
     */
    public record Result(
            int scenes,
            int people,
            int[] byPeople,
            CanvasSize canvas,
            Scores generated,
            Scores unconditional,
            Scores realRenders,
            List<BufferedImage> generatedImages,
            List<String> captions) {}

    /** The probe eval-mini reads scene people with: 6,000 people of data seed 7's training scenes, 15 epochs. */
    public static AttributeProbe probe(CanvasSize canvas) {
        return AttributeProbe.trainOnScenes(
                PortraitDiffusionTrainer.Settings.standard().dataSeed(),
                6000,
                15,
                2 * canvas.width(),
                2 * canvas.height());
    }

    /** The same probe for people in pictures of {@code width} × {@code height} px (the painted, upsampled size). */
    public static AttributeProbe probe(int width, int height) {
        return AttributeProbe.trainOnScenes(
                PortraitDiffusionTrainer.Settings.standard().dataSeed(), 6000, 15, width, height);
    }

    /** n held-out scenes; scene j starts from seed + j, conditional and unconditional alike. */
    public static Result evaluate(
            PortraitPipeline gen,
            MiniValidatorAdapter validator,
            AttributeProbe probe,
            int n,
            long seed,
            Sampling sampling) {
        CanvasSize canvas = gen.sceneCanvas();
        List<Sample> held = new ArrayList<>();
        for (int i : PortraitData.validationIndices(n))
            held.add(PortraitData.scene(
                    PortraitDiffusionTrainer.Settings.standard().dataSeed(),
                    i,
                    2 * canvas.width(),
                    2 * canvas.height()));
        List<String> captions = held.stream().map(Sample::caption).toList();
        List<Long> seeds = new ArrayList<>();
        for (int j = 0; j < n; j++) seeds.add(seed + j);
        List<BufferedImage> cond = paint(gen, canvas, captions, seeds, sampling);
        List<BufferedImage> uncond = paint(gen, canvas, Collections.nCopies(n, ""), seeds, sampling.withGuidance(1f));
        List<BufferedImage> real = held.stream().map(Sample::image).toList();
        int[] byPeople = new int[3];
        int people = 0;
        for (Sample s : held) {
            byPeople[s.people().size() - 1]++;
            people += s.people().size();
        }
        return new Result(
                n,
                people,
                byPeople,
                canvas,
                score(cond, held, validator, probe),
                score(uncond, held, validator, probe),
                score(real, held, validator, probe),
                cond,
                captions);
    }

    private static List<BufferedImage> paint(
            PortraitPipeline gen, CanvasSize canvas, List<String> captions, List<Long> seeds, Sampling sampling) {
        List<BufferedImage> out = new ArrayList<>();
        for (int from = 0; from < captions.size(); from += BATCH) {
            int to = Math.min(captions.size(), from + BATCH);
            out.addAll(gen.generateEach(canvas, captions.subList(from, to), seeds.subList(from, to), sampling));
        }
        return out;
    }

    /** People counted right per scene; attributes per person, read in the column the caption's person has. */
    static Scores score(
            List<BufferedImage> images, List<Sample> truth, MiniValidatorAdapter validator, AttributeProbe probe) {
        List<Verdict> verdicts = validator.inspect(images);
        int counted = 0;
        List<BufferedImage> crops = new ArrayList<>();
        List<Attributes> people = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Attributes> p = truth.get(i).people();
            if (verdicts.get(i).people() == p.size()) counted++;
            crops.addAll(SceneRegions.squares(images.get(i), p.size(), PortraitData.LARGE));
            people.addAll(p);
        }
        double[] acc = probe.accuracy(crops, people);
        return new Scores(
                (double) counted / images.size(),
                acc[AttributeProbe.Head.GENDER.ordinal()],
                acc[AttributeProbe.Head.HAIR.ordinal()],
                acc[AttributeProbe.Head.CLOTHING.ordinal()]);
    }

    /** The table eval-mini prints. */
    public static void print(Result r, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%d held-out scene captions (1/2/3 people: %d/%d/%d; %d people), %s canvas → %d×%d%n",
                r.scenes(),
                r.byPeople()[0],
                r.byPeople()[1],
                r.byPeople()[2],
                r.people(),
                r.canvas(),
                2 * r.canvas().width(),
                2 * r.canvas().height());
        out.printf(Locale.ROOT, "%-30s %11s %14s %14s%n", "measure", "generated", "unconditional", "real renders");
        row(out, "people count (validator)", r, Scores::count);
        row(out, "gender (per person)", r, Scores::gender);
        row(out, "hair colour (per person)", r, Scores::hair);
        row(out, "clothing colour (per person)", r, Scores::clothing);
    }

    private static void row(PrintStream out, String name, Result r, java.util.function.ToDoubleFunction<Scores> f) {
        out.printf(
                Locale.ROOT,
                "%-30s %10.1f%% %13.1f%% %13.1f%%%n",
                name,
                100 * f.applyAsDouble(r.generated()),
                100 * f.applyAsDouble(r.unconditional()),
                100 * f.applyAsDouble(r.realRenders()));
    }

    /**
     * Prints the scene report for {@code lemon eval-mini}: {@code weights} a generator directory
     * (null: the committed one), {@code validatorDir} likewise.
     */
    public static void report(int n, Path weights, Path validatorDir, PrintStream out) throws IOException {
        try (PortraitPipeline gen = weights == null ? PortraitPipeline.loadDefault() : PortraitPipeline.load(weights);
                MiniValidatorAdapter validator =
                        MiniValidatorAdapter.load(validatorDir != null ? validatorDir : MiniWeights.validatorDir())) {
            long t0 = System.nanoTime();
            AttributeProbe probe = probe(gen.sceneCanvas());
            out.printf(
                    Locale.ROOT,
                    "scene probe trained on 6000 people of training scenes in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            Result r = evaluate(gen, validator, probe, n, 1000, Sampling.DEFAULT);
            out.printf(
                    Locale.ROOT,
                    "%s (UNet trained %d steps; %s), %.1f s%n",
                    Sampling.DEFAULT,
                    gen.trainedSteps(),
                    gen.generatorConfig().knowsScenes()
                            ? "trained on scenes"
                            : "weights trained on portraits only: the scene canvas is new to them",
                    (System.nanoTime() - t0) / 1e9);
            print(r, out);
        }
    }
}

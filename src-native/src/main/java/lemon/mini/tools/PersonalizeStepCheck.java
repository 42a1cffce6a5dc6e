package lemon.mini.tools;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.DiffusionConfigs;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.models.UNetConfig;
import lemon.mini.schedulers.SchedulerConfig;
import lemon.mini.training.PersonalizationTrainer;

/**
 * Times {@link PersonalizationTrainer#trainStep} — L_rec + λ·L_ct, the graph network over the
 * characters, the NeTI mapper, AdamW on tokens, graph and mapper — at SD-1.x size, and projects a
 * story's personalisation time from it.
 *
 * <p>At SD-1.x size the frozen models are the CLIP ViT-L text encoder (12 layers, width 768, 77
 * tokens) and the SD-1.x UNet layout (320/640/1280/1280 channels, attention at the first three
 * levels, 16 cross-attention layers) painting 64×64 with 3 channels instead of 4 latent ones (the
 * trainer reads pixels; the extra channel costs nothing measurable); L_ct's CLIP is a conv image
 * tower reading x̂0 at that 64 px, as CLIP-mini reads the mini's 32 px. Not timed: a VAE decode of
 * x̂0 to 512 px and a ViT-L image tower, which a latent SD would need before its CLIP. Weights are
 * random: the time of a step does not depend on them. Without CUDA it runs the lemon-mini shapes.
 */
final class PersonalizeStepCheck {
    /** The paper's schedule (§5.2): 5,000 steps of batch 2 with 4 accumulated, i.e. batch 8. */
    static final int PAPER_STEPS = 5000;

    private PersonalizeStepCheck() {}

    /** Args: {@code [--config sd1x|mini] [--batches 2,8] [--characters 7] [--steps 5] [--size 64 (sd1x)]
     * [--profile FILE.json] (one more step's operator trace per batch size)}. */
    static void run(String[] args, PrintStream out, boolean gpu) {
        int characters = Integer.parseInt(GpuCheck.arg(args, "--characters", "7"));
        int steps = Integer.parseInt(GpuCheck.arg(args, "--steps", "5"));
        List<Integer> batches = Arrays.stream(
                        GpuCheck.arg(args, "--batches", "2,8").split(","))
                .map(Integer::parseInt)
                .toList();
        String config = GpuCheck.arg(args, "--config", gpu ? "sd1x" : "mini");
        boolean sd = config.equals("sd1x");
        if (!sd && !config.equals("mini")) throw new IllegalArgumentException("--personalize takes sd1x or mini");
        TextEncoderConfig textCfg = sd ? TextEncoderConfig.sd1x() : TextEncoderConfig.mini();
        UNetConfig sd1x = UNetConfig.sd1x();
        UNetConfig unetCfg = sd
                ? new UNetConfig(
                        3,
                        3,
                        Integer.parseInt(GpuCheck.arg(args, "--size", "" + sd1x.sampleSize())),
                        sd1x.modelChannels(),
                        sd1x.channelMult(),
                        sd1x.numResBlocks(),
                        sd1x.attentionLevels(),
                        sd1x.heads(),
                        sd1x.contextDim(),
                        sd1x.groups(),
                        false)
                : DiffusionConfigs.unet();
        int size = unetCfg.sampleSize();
        ClipConfig clipCfg = sd
                ? new ClipConfig(size, List.of(128, 256, 512, 512), TextEncoderConfig.tiny(), 768)
                : ClipConfig.mini();
        CaptionTokenizer words =
                CaptionTokenizer.fromCaptions(List.of("a portrait of a man woman person"), textCfg.vocabSize());
        CaptionTokenizer clipWords =
                CaptionTokenizer.fromCaptions(List.of("a"), clipCfg.text().vocabSize());
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager m = engine.newBaseManager();
                MiniTextEncoder text = new MiniTextEncoder(textCfg, words, m, 1);
                MiniUNet unet = new MiniUNet(unetCfg, m, 2);
                MiniClip clip = new MiniClip(clipCfg, clipWords, m, 3)) {
            out.printf(
                    "personalise step '%s': text encoder %,d, UNet %,d (%d cross-attention layers), CLIP image tower"
                            + " %,d parameters (all frozen); %d characters, %d×%d px%n",
                    config,
                    text.params().count(),
                    unet.params().count(),
                    unet.crossAttentionLayers(),
                    clip.parts().get("clip").count(),
                    characters,
                    size,
                    size);
            var models = new PersonalizationTrainer.Models(text, unet, SchedulerConfig.sd1x(), clip);
            Random r = new Random(7);
            List<PersonalizationTrainer.Character> cast = new ArrayList<>();
            for (int c = 0; c < characters; c++) {
                float[] start = new float[textCfg.width()];
                for (int i = 0; i < start.length; i++) start[i] = (float) (r.nextGaussian() * 0.02);
                List<BufferedImage> portraits = new ArrayList<>();
                for (int j = 0; j < 4; j++) portraits.add(noise(size, r));
                cast.add(new PersonalizationTrainer.Character("c" + c, start, portraits));
            }
            float[][] w = new float[characters][characters];
            for (int i = 0; i < characters; i++)
                for (int j = i + 1; j < characters; j++) w[i][j] = w[j][i] = r.nextInt(4);
            StringBuilder result = new StringBuilder("RESULT personalise config=" + config + " device="
                    + (gpu ? "cuda" : "CPU") + " characters=" + characters);
            for (int batch : batches) {
                var d = PersonalizationTrainer.Settings.DEFAULT; // λ > 0: CLIP runs on every row's x̂0
                var s = new PersonalizationTrainer.Settings(
                        d.steps(),
                        d.lr(),
                        d.weightDecay(),
                        batch,
                        d.lambda(),
                        d.delta(),
                        d.rounds(),
                        d.contrastMaxTimestep(),
                        d.checkpointEvery(),
                        d.scenePairsTrainMapper(),
                        d.mapper(),
                        d.pushFloor(),
                        d.tokenPull());
                long[] ms = new long[steps];
                try (var trainer = new PersonalizationTrainer(models, s, cast, w, 11)) {
                    trainer.trainStep(); // warm-up: allocator, kernels
                    for (int i = 0; i < steps; i++) {
                        long t0 = System.nanoTime();
                        double loss = trainer.trainStep();
                        ms[i] = (System.nanoTime() - t0) / 1_000_000;
                        out.printf("batch %d step %d: %d ms (loss %.4f)%n", batch, i + 1, ms[i], loss);
                    }
                    String profile = GpuCheck.arg(args, "--profile", null);
                    if (profile != null) { // one more step under PyTorch's profiler, a trace per batch size
                        String file = profile.replace(".json", "") + "-batch" + batch + ".json";
                        JniUtils.startProfile(gpu, true, true);
                        trainer.trainStep();
                        JniUtils.stopProfile(file);
                        out.println("profiled one step: " + file);
                    }
                }
                Arrays.sort(ms);
                long median = ms[steps / 2];
                result.append(String.format(" batch%d=%dms/step", batch, median));
                out.printf(
                        "batch %d: median %d ms/step; %,d steps (the paper's, at its effective batch 8) %.1f min;"
                                + " per 1,000 steps %.1f min%n",
                        batch, median, PAPER_STEPS, PAPER_STEPS * median / 60_000.0, 1000 * median / 60_000.0);
            }
            out.println(result);
        }
    }

    private static BufferedImage noise(int size, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        return img;
    }
}

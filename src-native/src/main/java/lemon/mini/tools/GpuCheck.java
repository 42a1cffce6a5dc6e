package lemon.mini.tools;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.UNetConfig;
import lemon.mini.schedulers.DdpmScheduler;
import lemon.mini.schedulers.SchedulerConfig;
import lemon.mini.training.DdpmTrainer;

/**
 * Times one DDPM training step (forward + backward + Adam) of a UNet config.
 * With a CUDA device: the SD-1.x config at 64×64 latents, batch 2. Without one it refuses to
 * pretend and times a smaller config instead, saying so loudly.
 *
 * <p>Args: {@code [--config sd1x|mini|mini-pixel|tiny] [--batch N] [--steps N] [--instantiate-sd]
 * [--profile FILE]}, or {@code --personalize [--config sd1x|mini] [--batches 2,8] [--characters 7]
 * [--steps N] [--size 64]} for {@link PersonalizeStepCheck} ({@code --instantiate-sd} builds the SD-1.x UNet with random weights on this
 * device and prints its real parameter count; ~3.4 GB. {@code --profile} records one more step with
 * PyTorch's profiler and writes its Chrome trace to FILE, to see which operators take the time).
 */
public final class GpuCheck {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    private GpuCheck() {}

    /** Runs the check with its arguments, printing to {@code out} (launched by src-native/gpu-check.sh and gpu-bundle.sh). */
    public static void run(java.util.List<String> argList, java.io.PrintStream out) {
        String[] args = argList.toArray(String[]::new);
        Engine engine = Engine.getEngine("PyTorch");
        boolean gpu = engine.getGpuCount() > 0;
        out.printf(
                "engine %s %s, device %s, CUDA devices: %d%n",
                engine.getEngineName(), engine.getVersion(), engine.defaultDevice(), engine.getGpuCount());
        if (Arrays.asList(args).contains("--personalize")) {
            if (!gpu) out.println("!!! NO CUDA DEVICE DETECTED BY DJL — CPU run, NOT the SD-1.x GPU check !!!");
            PersonalizeStepCheck.run(args, out, gpu);
            return;
        }
        String config = arg(args, "--config", gpu ? "sd1x" : "mini");
        int batch = Integer.parseInt(arg(args, "--batch", gpu ? "2" : "32"));
        int steps = Integer.parseInt(arg(args, "--steps", "5"));
        if (!gpu) {
            out.println("!!! NO CUDA DEVICE DETECTED BY DJL — CPU run with config '" + config + "' batch " + batch
                    + ", NOT the SD-1.x GPU check !!!");
        }
        if (Arrays.asList(args).contains("--instantiate-sd")) {
            try (NDManager m = engine.newBaseManager();
                    MiniUNet sd = new MiniUNet(UNetConfig.sd1x(), m, 0)) {
                long n = sd.params().count();
                out.printf(
                        "SD-1.x UNet instantiated: %,d parameters; published %,d; ratio %.4f%n",
                        n, UNetConfig.SD1X_PUBLISHED_PARAMS, (double) n / UNetConfig.SD1X_PUBLISHED_PARAMS);
            }
        }
        UNetConfig cfg = switch (config) {
            case "sd1x" -> UNetConfig.sd1x();
            case "mini" -> UNetConfig.mini();
            case "mini-pixel" -> UNetConfig.miniPixel();
            case "tiny" -> UNetConfig.tiny();
            default -> throw new IllegalArgumentException("unknown config " + config);
        };
        int ctxLen = cfg.contextDim() == 768 ? 77 : 32;
        try (NDManager m = engine.newBaseManager();
                MiniUNet unet = new MiniUNet(cfg, m, 1);
                DdpmTrainer trainer =
                        new DdpmTrainer(unet, null, new DdpmScheduler(SchedulerConfig.sd1x(), 0), 1e-4f, 0f, 0f, 2)) {
            out.printf(
                    "UNet '%s': %,d parameters, input %d×%d×%d, batch %d%n",
                    config, unet.params().count(), cfg.inChannels(), cfg.sampleSize(), cfg.sampleSize(), batch);
            NDArray x0 = m.randomNormal(new Shape(batch, cfg.inChannels(), cfg.sampleSize(), cfg.sampleSize()));
            NDArray ctx = m.randomNormal(new Shape(batch, ctxLen, cfg.contextDim()));
            long[] ms = new long[steps];
            trainer.step(x0, s -> new MiniTextEncoder.Encoded(ctx, null)); // warm-up (allocator, kernels)
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                float loss = trainer.step(x0, s -> new MiniTextEncoder.Encoded(ctx, null));
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                out.printf("step %d: %d ms (loss %.4f)%n", i + 1, ms[i], loss);
            }
            String profile = arg(args, "--profile", null);
            if (profile != null) {
                JniUtils.startProfile(gpu, true, true);
                trainer.step(x0, s -> new MiniTextEncoder.Encoded(ctx, null));
                JniUtils.stopProfile(profile);
                out.println("profiled one step: " + profile);
            }
            Arrays.sort(ms);
            out.printf(
                    "RESULT config=%s device=%s batch=%d median %d ms/step (forward+backward+Adam)%n",
                    config, gpu ? "cuda" : "CPU", batch, ms[steps / 2]);
        }
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return dflt;
    }
}

package lemon.mini.schedulers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a diffusion model was trained to be noised and how it is sampled, stored as
 * {@value #FILE} beside its weights (diffusers keeps the same file in a {@code scheduler/} folder),
 * so sampling never has to know which trainer made the weights.
 *
 * @param betaSchedule    {@code cosine} (Nichol &amp; Dhariwal), {@code linear} (DDPM) or {@code scaled_linear} (SD-1.x)
 * @param trainTimesteps  T, the number of noise levels trained on
 * @param timestepSpacing {@code trailing}: integer stride T/n with the last step at t = T−1
 * @param clipSample      clip the predicted clean sample to ±{@code clipSampleRange} at every step
 *                        (pixel space needs it: guided ε overshoots otherwise)
 * @param predictionType  what the model predicts; only {@code epsilon} is implemented
 */
public record SchedulerConfig(
        String betaSchedule,
        int trainTimesteps,
        String timestepSpacing,
        boolean clipSample,
        float clipSampleRange,
        String predictionType) {
    public static final String FILE = "scheduler_config.json";
    public static final String DIR = "scheduler";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SchedulerConfig {
        if (!java.util.List.of("cosine", "linear", "scaled_linear").contains(betaSchedule)) {
            throw new IllegalArgumentException("unknown beta schedule " + betaSchedule);
        }
        if (trainTimesteps < 2) throw new IllegalArgumentException("trainTimesteps must be ≥ 2, got " + trainTimesteps);
        if (!"trailing".equals(timestepSpacing))
            throw new IllegalArgumentException("unknown timestep spacing " + timestepSpacing);
        if (!"epsilon".equals(predictionType))
            throw new IllegalArgumentException("unsupported prediction type " + predictionType);
    }

    /**
     * What the portrait diffusion model is trained and sampled with: cosine schedule (better for
     * small images), T = 1000, clipped x̂0. Weights saved without a scheduler config were all made so.
     */
    public static SchedulerConfig portrait() {
        return new SchedulerConfig("cosine", 1000, "trailing", true, 1f, "epsilon");
    }

    /** SD-1.x's: scaled-linear β, T = 1000, latents not clipped. */
    public static SchedulerConfig sd1x() {
        return new SchedulerConfig("scaled_linear", 1000, "trailing", false, 1f, "epsilon");
    }

    public NoiseSchedule noiseSchedule() {
        return switch (betaSchedule) {
            case "cosine" -> NoiseSchedule.cosine(trainTimesteps);
            case "linear" -> NoiseSchedule.linear(trainTimesteps);
            default -> NoiseSchedule.scaledLinear(trainTimesteps);
        };
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
    }

    public static SchedulerConfig read(InputStream in) throws IOException {
        return JSON.readValue(in, SchedulerConfig.class);
    }

    /** Writes {@code dir/scheduler/scheduler_config.json}. */
    public void writeTo(Path modelDir) throws IOException {
        Path d = modelDir.resolve(DIR);
        Files.createDirectories(d);
        try (OutputStream out = Files.newOutputStream(d.resolve(FILE))) {
            write(out);
        }
    }

    /** Reads {@code dir/scheduler/scheduler_config.json}; without one, {@link #portrait()} (what older weights used). */
    public static SchedulerConfig readFrom(Path modelDir) throws IOException {
        Path f = modelDir.resolve(DIR).resolve(FILE);
        if (!Files.exists(f)) return portrait();
        try (InputStream in = Files.newInputStream(f)) {
            return read(in);
        }
    }
}

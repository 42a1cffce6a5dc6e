package lemon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Random;
import lemon.mini.training.NonFiniteGuard;
import org.junit.jupiter.api.Test;

/**
 * The engine as the build and the launcher configure it gives finite convolution gradients. With
 * oneDNN's AVX2 or AVX-512 kernels (no {@code ONEDNN_MAX_CPU_ISA} cap) the input gradient of a
 * convolution with three output channels, like the UNet's last, was NaN in 10–25% of such
 * passes on an AMD EPYC (Zen 5); capped at AVX, in none of thousands (EngineThreads#isaWarning).
 */
class ConvolutionGradientsTest {
    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void aThreeChannelConvolutionsInputGradientIsFiniteInEveryPass() {
        int passes = 150, nonFinite = 0;
        Random r = new Random(3);
        float[] x = new float[8 * 8 * 32 * 32], w = new float[3 * 8 * 3 * 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = 0.2f * (float) r.nextGaussian();
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (int pass = 0; pass < passes; pass++) {
                try (NDManager scope = m.newSubManager()) {
                    NDArray input = scope.create(x, new Shape(8, 8, 32, 32));
                    NDArray weight = scope.create(w, new Shape(3, 8, 3, 3));
                    input.setRequiresGradient(true);
                    weight.setRequiresGradient(true);
                    try (GradientCollector gc = NonFiniteGuard.collector()) {
                        NDArray y = Conv2d.conv2d(
                                        input,
                                        weight,
                                        scope.zeros(new Shape(3)),
                                        new Shape(1, 1),
                                        new Shape(1, 1),
                                        new Shape(1, 1),
                                        1)
                                .singletonOrThrow();
                        gc.backward(y.square().sum());
                    }
                    for (float g : input.getGradient().toFloatArray())
                        if (!Float.isFinite(g)) {
                            nonFinite++;
                            break;
                        }
                }
            }
        }
        assertEquals(
                0,
                nonFinite,
                "passes with a non-finite input gradient (" + EngineThreads.ONEDNN_ISA_ENV + "="
                        + System.getenv(EngineThreads.ONEDNN_ISA_ENV) + ")");
    }
}

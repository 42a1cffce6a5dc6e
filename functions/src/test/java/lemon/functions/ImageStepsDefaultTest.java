package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lemon.config.PipelineSettings;
import lemon.mini.pipelines.PortraitPipeline;
import org.junit.jupiter.api.Test;

/** The settings (in the engine-free adapters) state the bundled model's default steps without depending on it. */
class ImageStepsDefaultTest {
    @Test
    void theSettingsDefaultIsTheModelsOwn() {
        assertEquals(PortraitPipeline.DEFAULT_STEPS, PipelineSettings.DEFAULT_IMAGE_STEPS);
    }
}

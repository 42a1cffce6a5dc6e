package lemon.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import lemon.cd.CdDatabase;
import lemon.config.LemonConfig;
import lemon.config.PipelineSettings;
import lemon.llm.ChatModels;
import lemon.llm.TextAdapters;
import lemon.pipeline.Pipeline;
import lemon.port.Progress;

/**
 * The pipeline of a function without engines: the light catalogue ({@link Pipeline#light}) over the
 * configured store and LLM. Built on first use, so a bad setting fails the invocation (with the
 * error contract's name) rather than the function's start.
 */
@ApplicationScoped
public class LightPipeline {
    private final PipelineSettings settings;
    private Pipeline pipeline;

    @Inject
    public LightPipeline(LemonConfig config) {
        this(PipelineSettings.from(config));
    }

    LightPipeline(PipelineSettings settings) {
        this.settings = settings;
    }

    public synchronized Pipeline get() {
        if (pipeline == null) {
            pipeline = build(settings);
        }
        return pipeline;
    }

    static Pipeline build(PipelineSettings s) {
        TextAdapters text = TextAdapters.of(s.llm(), Progress.LOG, ChatModels.LocalModels.NONE);
        CdDatabase database = s.cdDatabase() == null || s.cdDatabase().isBlank()
                ? CdDatabase.bundled()
                : CdDatabase.load(Path.of(s.cdDatabase()));
        return s.pipeline(Pipeline.light(text.analyst(), text.describer(), database));
    }
}

package lemon.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.llm.ChatModels;
import lemon.llm.LlmDescriber;
import lemon.llm.LlmStoryAnalyst;
import lemon.llm.StructuredLlm;
import lemon.pipeline.Pipeline;
import lemon.port.CharacterRetriever;
import lemon.port.LlmClient;
import lemon.run.RunStore;
import lemon.storage.BlobStores;

/**
 * Wires the pipeline from settings: storage, analyst and describer (offline or LLM), and the
 * adapters of {@link Engines}. The CDI instance takes its settings from configuration; the CLI
 * derives a provider with its options applied ({@link #with}) instead of changing this one.
 */
@ApplicationScoped
public class PipelineProvider {
    private final PipelineSettings settings;
    private final Engines engines;
    private Pipeline pipeline;

    @Inject
    public PipelineProvider(LemonConfig config, Engines engines) {
        this(PipelineSettings.from(config), engines);
    }

    /** Outside CDI (tests, tools): fixed settings. */
    public PipelineProvider(PipelineSettings settings, Engines engines) {
        this.settings = settings;
        this.engines = engines;
    }

    /** A provider of one ready pipeline (tests, tools that wire their own stages). */
    public static PipelineProvider of(Pipeline pipeline) {
        PipelineProvider p = new PipelineProvider((PipelineSettings) null, null);
        p.pipeline = pipeline;
        return p;
    }

    /** A provider over other settings, sharing this one's loaded engines. */
    public PipelineProvider with(PipelineSettings s) {
        return new PipelineProvider(s, engines);
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** Built on first use, so a provider costs nothing until a stage runs. */
    public synchronized Pipeline get() {
        if (pipeline == null) {
            pipeline = build(settings, engines);
        }
        return pipeline;
    }

    public static Pipeline build(PipelineSettings s, Engines engines) {
        LlmClient llm = ChatModels.create(s.llm());
        StructuredLlm structured =
                llm == null ? null : new StructuredLlm(llm, s.llm().maxAttempts());
        CharacterRetriever retriever = engines.retriever(s.cdDatabase());
        return new Pipeline(
                new RunStore(BlobStores.fromUri(s.store())),
                new StoryIngest(s.maxBytes(), s.minWords()),
                Pipeline.standard(
                        structured == null ? new OfflineAnalyst() : new LlmStoryAnalyst(structured),
                        retriever,
                        structured == null ? new OfflineDescriber() : new LlmDescriber(structured),
                        engines.painter(s.imageModel(), s.imageSteps())),
                Clock.systemUTC());
    }
}

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
 * adapters of {@link Engines}. Settings come from configuration; the CLI may override them with its
 * options before the first run ({@link #configure}).
 */
@ApplicationScoped
public class PipelineProvider {
    private final LemonConfig config;
    private final Engines engines;
    private PipelineSettings settings;
    private Pipeline pipeline;

    @Inject
    public PipelineProvider(LemonConfig config, Engines engines) {
        this.config = config;
        this.engines = engines;
    }

    /** Outside CDI (tests, tools): fixed settings. */
    public PipelineProvider(PipelineSettings settings, Engines engines) {
        this.config = null;
        this.engines = engines;
        this.settings = settings;
    }

    /** A provider of one ready pipeline (tests, tools that wire their own stages). */
    public static PipelineProvider of(Pipeline pipeline) {
        PipelineProvider p = new PipelineProvider((PipelineSettings) null, null);
        p.pipeline = pipeline;
        return p;
    }

    public synchronized PipelineSettings settings() {
        if (settings == null) {
            settings = PipelineSettings.from(config);
        }
        return settings;
    }

    /** The CLI calls this with its options before running the workflow. */
    public synchronized void configure(PipelineSettings s) {
        this.settings = s;
        this.pipeline = null;
    }

    public synchronized Pipeline get() {
        if (pipeline == null) {
            pipeline = build(settings(), engines);
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
                        engines.painter(s.imageModel())),
                Clock.systemUTC());
    }
}

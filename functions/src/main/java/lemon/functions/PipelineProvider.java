package lemon.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.describe.OfflineDescriber;
import lemon.engine.matcher.HeadRetriever;
import lemon.ingest.StoryIngest;
import lemon.llm.ChatModels;
import lemon.llm.LlmDescriber;
import lemon.llm.LlmStoryAnalyst;
import lemon.llm.StructuredLlm;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.model.CdPair;
import lemon.model.CharacterMatch;
import lemon.pipeline.Pipeline;
import lemon.port.CharacterRetriever;
import lemon.port.ImageGenerator;
import lemon.port.LlmClient;
import lemon.run.RunStore;
import lemon.storage.BlobStores;

/**
 * Wires the pipeline from settings: storage, analyst and describer (offline or LLM), and the
 * retriever. The retriever holds the text encoder and the encoded C.D. database, the costly part,
 * so it is built once per database and kept for the life of the process.
 */
@ApplicationScoped
public class PipelineProvider {
    private static final Map<String, CharacterRetriever> RETRIEVERS = new HashMap<>();
    /** Loads its weights on first use and keeps them, like the retriever. */
    private static final ImageGenerator PAINTER = new MiniImageGenerator();

    private final LemonConfig config;
    private PipelineSettings settings;
    private Pipeline pipeline;

    @Inject
    public PipelineProvider(LemonConfig config) {
        this.config = config;
    }

    /** Outside CDI (tests, tools): fixed settings. */
    public PipelineProvider(PipelineSettings settings) {
        this.config = null;
        this.settings = settings;
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
            pipeline = build(settings());
        }
        return pipeline;
    }

    public static Pipeline build(PipelineSettings s) {
        LlmClient llm = ChatModels.create(s.llm());
        StructuredLlm structured = llm == null ? null : new StructuredLlm(llm, s.llm().maxAttempts());
        return new Pipeline(new RunStore(BlobStores.fromUri(s.store())), new StoryIngest(s.maxBytes(), s.minWords()),
                structured == null ? new OfflineAnalyst() : new LlmStoryAnalyst(structured),
                retriever(s.cdDatabase()),
                structured == null ? new OfflineDescriber() : new LlmDescriber(structured),
                PAINTER, Clock.systemUTC());
    }

    /** Loaded on first use, so runs that stop before matching never pay for the encoder. */
    static CharacterRetriever retriever(String cdDatabase) {
        String key = cdDatabase == null ? "" : cdDatabase;
        return new CharacterRetriever() {
            private CharacterRetriever loaded() {
                synchronized (RETRIEVERS) {
                    return RETRIEVERS.computeIfAbsent(key, k -> k.isEmpty() ? HeadRetriever.bundled()
                            : HeadRetriever.forDatabase(CdDatabase.load(Path.of(k))));
                }
            }

            @Override
            public List<CharacterMatch> match(Map<String, List<String>> contexts, int k) {
                return loaded().match(contexts, k);
            }

            @Override
            public CdPair pair(String cdId) {
                return loaded().pair(cdId);
            }

            @Override
            public String name() {
                return loaded().name();
            }
        };
    }
}

package lemon.functions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import lemon.config.LemonConfig;
import lemon.config.PipelineSettings;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.TextAdapters;
import lemon.pipeline.Pipeline;
import lemon.port.CharacterRetriever;
import lemon.port.CompatibilityValidator;
import lemon.port.Progress;
import lemon.vision.VisionValidators;

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
    private final AtomicReference<Progress> progressTarget = new AtomicReference<>(Progress.LOG);
    /** What the pipeline's adapters report to: forwards to whoever listens now, so a rebuild is not needed. */
    private final Progress progress = (stage, message) -> progressTarget.get().report(stage, message);

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
            pipeline = build(settings, engines, progress);
        }
        return pipeline;
    }

    /**
     * Sends the stages' progress lines (LLM retries) to {@code target} from now on, null meaning
     * the log; returns the previous target, for the caller to put back. One listener at a time:
     * LocalRun installs its printer for the length of an execution.
     */
    public Progress reportProgressTo(Progress target) {
        return progressTarget.getAndSet(target == null ? Progress.LOG : target);
    }

    /**
     * A vision LLM when configured, else the bundled validator. Its calls in one validate attempt
     * share a deadline: 14 minutes, inside the Task's 15, since a stage asks about every picture.
     */
    static CompatibilityValidator validator(PipelineSettings s, Progress progress, Engines engines) {
        LlmRetryPolicy r = s.llm().retry();
        LlmRetryPolicy forImages = new LlmRetryPolicy(r.retries(), r.backoff(), r.maxBackoff(), Duration.ofMinutes(14));
        return VisionValidators.create(s.loop().validator(), forImages, progress)
                .orElseGet(engines::validator);
    }

    public static Pipeline build(PipelineSettings s, Engines engines) {
        return build(s, engines, Progress.LOG);
    }

    public static Pipeline build(PipelineSettings s, Engines engines, Progress progress) {
        TextAdapters text = TextAdapters.of(s.llm(), progress, lemon.llm.GgufChatModel::new);
        CharacterRetriever retriever = s.guidance().retrieval() == PipelineSettings.Guidance.Retrieval.RANDOM
                ? engines.randomRetriever(s.cdDatabase())
                : engines.retriever(s.cdDatabase());
        return s.pipeline(Pipeline.standard(
                text.analyst(),
                retriever,
                s.guidance().examples()
                        ? text.describer()
                        : lemon.port.CharacterDescriber.withoutExamples(text.describer()),
                engines.painter(s.imageModel(), s.imageSteps()),
                new Pipeline.LoopEngines(
                        engines.personalizer(s.loop()),
                        validator(s, progress, engines),
                        engines.scorer(),
                        s.loop().clipThreshold(),
                        s.loop().dropMargin(),
                        s.loop().tokens(),
                        s.loop().sceneMapper(),
                        describedPrompter(),
                        s.loop().describedScenePairs())));
    }

    /** The base model's scene prompts (descriptions fitted to the bundled text encoder's window), as eval-storyboard's Base paints them. */
    static lemon.stage.personalize.DescribedScenePairs.Prompter describedPrompter() {
        return (scene, characters, descriptions, painted, style, register) -> lemon.mini.eval.BasePrompts.paint(
                        scene,
                        characters,
                        descriptions,
                        painted,
                        style,
                        lemon.mini.pipelines.PromptWindow.bundled(), // read once, on the first scene
                        register)
                .prompt();
    }
}

package lemon.functions;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.engine.matcher.HeadRetriever;
import lemon.mini.pipelines.MiniClipScorer;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.mini.pipelines.MiniValidatorAdapter;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.mini.training.MiniPersonalizer;
import lemon.mini.training.PersonalizationTrainer;
import lemon.port.CharacterRetriever;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.port.Personalizer;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * The costly adapters, built on first use and kept while the application runs: the matcher (text
 * encoder plus the encoded C.D. database, one per database) and the image model. One instance per
 * application under CDI; tests share one per JVM so each run does not reload the models.
 */
@ApplicationScoped
public class Engines {
    /** Image models by the name {@code lemon.images.model} gives. */
    public static final List<String> IMAGE_MODELS = List.of("mini");

    private final Map<String, CharacterRetriever> retrievers = new HashMap<>();
    private final Map<String, MiniImageGenerator> painters = new HashMap<>();
    private final Map<String, MiniPersonalizer> personalizers = new HashMap<>();
    private MiniValidatorAdapter validator;
    private MiniClipScorer scorer;

    /** The text-to-image adapter sampling with {@code steps}; its weights load on its first request. */
    public synchronized ImageGenerator painter(String model, int steps) {
        if (!IMAGE_MODELS.contains(model)) {
            throw new IllegalArgumentException("lemon.images.model '" + model + "' is not one of " + IMAGE_MODELS);
        }
        var sampling = PortraitPipeline.Sampling.DEFAULT.withSteps(steps); // checks the range
        return painters.computeIfAbsent(model, m -> new MiniImageGenerator()).withSampling(sampling);
    }

    /**
     * The bundled personalizer training {@code steps} per fresh run; its models load on its first
     * request and are shared with nothing else (it freezes them).
     */
    public synchronized Personalizer personalizer(int steps) {
        return personalizer(lemon.config.PipelineSettings.Loop.DEFAULT.withPersonalizeSteps(steps));
    }

    /**
     * The personalizer of a loop's settings: its steps, whether scene pairs train the mapper too ({@code true},
     * the paper) or only the tokens and graph, its anchors, graph rounds, λ and whether tokens have mappers.
     */
    public synchronized Personalizer personalizer(lemon.config.PipelineSettings.Loop loop) {
        PersonalizationTrainer.Settings settings = PersonalizationTrainer.Settings.DEFAULT
                .withSteps(loop.personalizeSteps())
                .withScenePairsTrainMapper(loop.scenePairsTrainMapper())
                .withRounds(loop.graphRounds())
                .withLambda((float) loop.lambda())
                .withPushFloor((float) loop.pushFloor())
                .withTokenPull((float) loop.tokenPull())
                .withMapper(loop.mapper());
        return personalizers.computeIfAbsent(
                settings + "-" + loop.anchor(), k -> new MiniPersonalizer(settings, loop.anchor(), System.err));
    }

    /** The bundled people/gender validator, loaded on first use. */
    public CompatibilityValidator validator() {
        return new CompatibilityValidator() {
            @Override
            public String name() {
                return loadedValidator().name();
            }

            @Override
            public Verdict inspect(byte[] png) {
                return loadedValidator().inspect(png);
            }
        };
    }

    private synchronized MiniValidatorAdapter loadedValidator() {
        if (validator == null) {
            try {
                validator = MiniValidatorAdapter.bundled();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot load the lemon-mini validator: " + e.getMessage(), e);
            }
        }
        return validator;
    }

    /** CLIP-mini, loaded on first use. */
    public ImageTextScorer scorer() {
        return new ImageTextScorer() {
            @Override
            public String name() {
                return loadedScorer().name();
            }

            @Override
            public float[][] embedImages(List<byte[]> pngs) {
                return loadedScorer().embedImages(pngs);
            }

            @Override
            public float[][] embedTexts(List<String> texts) {
                return loadedScorer().embedTexts(texts);
            }
        };
    }

    private synchronized MiniClipScorer loadedScorer() {
        if (scorer == null) scorer = MiniClipScorer.bundled();
        return scorer;
    }

    /**
     * K C.D. pairs drawn at random per character from the database (the bundled one when null): the
     * \Rank ablation's retriever, in place of the trained matcher.
     */
    public CharacterRetriever randomRetriever(String cdDatabase) {
        return new lemon.engine.matcher.RandomRetriever(
                cdDatabase == null ? CdDatabase.bundled() : CdDatabase.load(Path.of(cdDatabase)), 0);
    }

    /** Loaded on first use, so runs that stop before matching never pay for the encoder. */
    public CharacterRetriever retriever(String cdDatabase) {
        String key = cdDatabase == null ? "" : cdDatabase;
        return new CharacterRetriever() {
            private CharacterRetriever loaded() {
                synchronized (retrievers) {
                    return retrievers.computeIfAbsent(
                            key,
                            k -> k.isEmpty()
                                    ? HeadRetriever.bundled()
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

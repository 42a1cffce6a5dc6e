package lemon.functions;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.engine.matcher.HeadRetriever;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.mini.pipelines.PortraitPipeline;
import lemon.port.CharacterRetriever;
import lemon.port.ImageGenerator;
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

    /** The text-to-image adapter sampling with {@code steps}; its weights load on its first request. */
    public synchronized ImageGenerator painter(String model, int steps) {
        if (!IMAGE_MODELS.contains(model)) {
            throw new IllegalArgumentException("lemon.images.model '" + model + "' is not one of " + IMAGE_MODELS);
        }
        var sampling = PortraitPipeline.Sampling.DEFAULT.withSteps(steps); // checks the range
        return painters.computeIfAbsent(model, m -> new MiniImageGenerator()).withSampling(sampling);
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

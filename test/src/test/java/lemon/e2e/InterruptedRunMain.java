package lemon.e2e;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.ingest.StoryIngest;
import lemon.mini.pipelines.MiniImageGenerator;
import lemon.pipeline.Pipeline;
import lemon.port.CharacterRetriever;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * Child process for {@link ResumeAfterKillTest}: runs the real workflow, but match-characters
 * hangs once it has started, so the parent can kill the JVM in the middle of a stage.
 * Args: store folder, upload key, run id.
 */
public final class InterruptedRunMain {
    public static void main(String[] args) {
        var settings = Fixtures.settings(args[0]);
        Pipeline real = PipelineProvider.build(settings, Fixtures.ENGINES);
        CharacterRetriever hanging = new CharacterRetriever() {
            @Override
            public List<CharacterMatch> match(Map<String, List<String>> contexts, int k) {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("should have been killed");
            }

            @Override
            public CdPair pair(String cdId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String name() {
                return "hanging";
            }
        };
        Pipeline pipeline = new Pipeline(
                real.runs(),
                new StoryIngest(),
                Pipeline.standard(
                        new OfflineAnalyst(),
                        hanging,
                        new OfflineDescriber(),
                        new MiniImageGenerator(),
                        new Pipeline.LoopEngines( // never reached: matching hangs
                                Fixtures.ENGINES.personalizer(1),
                                Fixtures.ENGINES.validator(),
                                Fixtures.ENGINES.scorer(),
                                0,
                                0.05)),
                Clock.systemUTC());
        StageFunctions functions = new StageFunctions(PipelineProvider.of(pipeline));
        LocalRun.start(functions, args[1], Fixtures.OPTIONS, args[2], System.out);
    }
}

package lemon.e2e;

import lemon.functions.LocalRun;
import lemon.functions.PipelineProvider;
import lemon.functions.StageFunctions;
import lemon.pipeline.Pipeline;
import lemon.port.Checkpoints;
import lemon.port.Personalizer;

/**
 * Child process for {@link LoopResumeAfterKillTest}: the real workflow and engines, except that
 * personalize hangs when it starts its second pass (iteration 1), so the parent can kill the JVM
 * there. Args: store folder, upload key, run id.
 */
public final class InterruptedLoopMain {
    public static void main(String[] args) {
        Pipeline real = PipelineProvider.build(LoopResumeAfterKillTest.settings(args[0]), Fixtures.ENGINES);
        Personalizer personalizer = LoopResumeAfterKillTest.personalizer();
        Personalizer hangingInIterationOne = new Personalizer() {
            @Override
            public String name() {
                return personalizer.name();
            }

            @Override
            public Result personalize(Request r, Checkpoints c) {
                if (r.startFrom() != null) {
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("should have been killed");
                }
                return personalizer.personalize(r, c);
            }
        };
        Pipeline pipeline = new Pipeline(
                real.runs(),
                new lemon.ingest.StoryIngest(),
                LoopResumeAfterKillTest.catalogue(hangingInIterationOne),
                java.time.Clock.systemUTC());
        StageFunctions functions = new StageFunctions(PipelineProvider.of(pipeline));
        LocalRun.start(functions, args[1], LoopResumeAfterKillTest.OPTIONS, args[2], System.out);
    }
}

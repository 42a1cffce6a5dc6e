package lemon.functions;

import java.time.Clock;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.ingest.StoryIngest;
import lemon.pipeline.Pipeline;
import lemon.port.BlobStore;
import lemon.run.RunStore;
import lemon.stage.StageCatalogue;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.LoopStandIns;

/** The standard stages over quick stand-ins for the matcher and the image model. */
final class TestPipelines {
    private TestPipelines() {}

    static StageCatalogue catalogue() {
        return Pipeline.standard(
                new OfflineAnalyst(),
                new FirstPairsRetriever(),
                new OfflineDescriber(),
                new FixedImageGenerator(),
                LoopStandIns.engines());
    }

    static Pipeline over(BlobStore blobs, StageCatalogue catalogue) {
        return new Pipeline(new RunStore(blobs), new StoryIngest(), catalogue, Clock.systemUTC());
    }
}

package lemon.stage.publish;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.run.RunOptions;
import lemon.stage.StageFixture;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import org.junit.jupiter.api.Test;

class PublishStageTest {
    @Test
    void theReportShowsCharactersDescriptionsAndPortraits() throws Exception {
        StageFixture f = new StageFixture(new RunOptions(4, 2, 2));
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        f.run(new MatchStage(retriever));
        f.run(new DescribeStage(new OfflineDescriber(), retriever));
        f.run(new PortraitsStage(new FixedImageGenerator()));
        f.run(new PublishStage());
        String html = new String(f.blobs.get("r/" + PublishStage.REPORT).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Anna Berg") && html.contains("Carl Voss"), "characters named");
        assertTrue(html.contains("portraits/"), "portraits shown");
        assertTrue(html.contains("<svg"), "the graph drawn");
    }
}

package lemon.stage.portraits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.port.ImageGenerator;
import lemon.run.RunOptions;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.story.CharacterDescription;
import lemon.story.Portrait;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import org.junit.jupiter.api.Test;

class PortraitsStageTest {
    @Test
    void oPortraitsPerCharacterWithSeedsFromTheCharacter() throws Exception {
        StageFixture f = new StageFixture(new RunOptions(4, 2, 3));
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        f.run(new MatchStage(retriever));
        f.run(new DescribeStage(new OfflineDescriber(), retriever));
        FixedImageGenerator painter = new FixedImageGenerator();
        f.run(new PortraitsStage(painter));

        List<CharacterDescription> descriptions = f.read(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS);
        List<Portrait> portraits = f.read(PortraitsStage.PORTRAITS, RunFileTypes.PORTRAITS);
        assertEquals(3 * descriptions.size(), portraits.size());
        List<ImageGenerator.Request> asked = painter.requests();
        assertEquals(portraits.size(), asked.size(), "one request per portrait, sent as one batch");
        for (int k = 0; k < portraits.size(); k++) {
            Portrait p = portraits.get(k);
            CharacterDescription d = descriptions.get(k / 3);
            assertEquals(d.characterId(), p.characterId());
            assertEquals(k % 3, p.index());
            assertEquals(PortraitsStage.seed(d.characterId(), p.index()), p.seed());
            assertEquals(d.description(), asked.get(k).description());
            assertEquals(p.seed(), asked.get(k).seed());
            assertEquals("portraits/" + p.characterId() + "-" + p.index() + ".png", p.file());
            assertArrayEquals(
                    painter.generate(List.of(asked.get(k))).get(0),
                    f.blobs.get("r/" + p.file()).orElseThrow());
        }
        assertEquals("fixed-image-generator", f.runs.manifest("r").components().get("painter"));
    }

    @Test
    void aRunSeedPaintsFromOtherNoiseAndTheDefaultSeedIsLeftOutOfTheManifest() throws Exception {
        RunOptions seeded = new RunOptions(4, 2, 2).withSeed(3);
        StageFixture f = new StageFixture(seeded);
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        f.run(new MatchStage(retriever));
        f.run(new DescribeStage(new OfflineDescriber(), retriever));
        f.run(new PortraitsStage(new FixedImageGenerator()));
        for (Portrait p : f.read(PortraitsStage.PORTRAITS, RunFileTypes.PORTRAITS))
            assertEquals(seeded.seeded(PortraitsStage.seed(p.characterId(), p.index())), p.seed());
        assertNotEquals(PortraitsStage.seed("anna", 0), seeded.seeded(PortraitsStage.seed("anna", 0)));
        assertEquals(PortraitsStage.seed("anna", 0), new RunOptions(4, 2, 2).seeded(PortraitsStage.seed("anna", 0)));

        String plain =
                new String(lemon.run.Json.bytes(new RunOptions(4, 2, 2)), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(false, plain.contains("\"seed\""), "manifests of seed 0 read as before: " + plain);
        byte[] json = lemon.run.Json.bytes(seeded);
        assertEquals(seeded, lemon.run.Json.MAPPER.readValue(json, RunOptions.class));
    }

    @Test
    void seedsAreStableAndDifferPerPortrait() {
        assertEquals(PortraitsStage.seed("anna-berg", 0), PortraitsStage.seed("anna-berg", 0));
        assertNotEquals(PortraitsStage.seed("anna-berg", 0), PortraitsStage.seed("anna-berg", 1));
        assertNotEquals(PortraitsStage.seed("anna-berg", 0), PortraitsStage.seed("boris-kade", 0));
        // the formula of every run so far: changing it repaints every stored run on resume
        assertEquals(8023168501074283858L, PortraitsStage.seed("ali-baba", 2));
    }
}

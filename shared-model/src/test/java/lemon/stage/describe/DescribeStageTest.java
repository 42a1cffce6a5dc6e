package lemon.stage.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.cd.CdDatabase;
import lemon.llm.LlmDescriber;
import lemon.llm.StructuredLlm;
import lemon.run.RunOptions;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.match.MatchStage;
import lemon.story.CharacterDescription;
import lemon.story.CharacterMatch;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

class DescribeStageTest {
    @Test
    void theRetrievedExamplesGuideTheLlmAndTheAnswerIsCleaned() {
        StageFixture f = new StageFixture(new RunOptions(4, 2, 1));
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new MatchStage(retriever));
        int characters =
                f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS).size();
        ScriptedLlm llm = new ScriptedLlm();
        for (int i = 0; i < characters; i++) {
            // no colour of coat: Carl Voss's is blue in the story, and a contradicting answer is asked again
            llm.answer("{\"description\": \"  A tall person with red hair, in a long coat.  \"}");
        }
        f.run(new DescribeStage(new LlmDescriber(new StructuredLlm(llm, 1)), retriever));

        List<CharacterDescription> out = f.read(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS);
        assertEquals(characters, out.size());
        List<CharacterMatch> matches = f.read(MatchStage.MATCHES, RunFileTypes.MATCHES);
        for (int i = 0; i < characters; i++) {
            CharacterDescription d = out.get(i);
            assertEquals(
                    matches.get(i).matches().stream()
                            .map(CharacterMatch.Scored::cdId)
                            .toList(),
                    d.exampleIds());
            assertTrue(d.description().startsWith("A tall person with red hair"), d.description());
            String prompt = llm.prompts().get(i);
            String firstExample =
                    CdDatabase.bundled().byId(d.exampleIds().get(0)).description();
            assertTrue(prompt.contains(firstExample), "the prompt carries the retrieved example");
        }
        assertEquals("llm:scripted-llm", f.runs.manifest("r").components().get("describer"));
    }
}

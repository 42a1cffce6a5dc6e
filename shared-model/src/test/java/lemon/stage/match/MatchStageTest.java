package lemon.stage.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lemon.analysis.OfflineAnalyst;
import lemon.run.RunOptions;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.analyze.AnalyzeStage;
import lemon.story.CharacterMatch;
import lemon.story.StoryCharacter;
import lemon.testing.FirstPairsRetriever;
import org.junit.jupiter.api.Test;

class MatchStageTest {
    @Test
    void eachCharacterGetsTopKFromItsOwnMaskedContexts() {
        StageFixture f = new StageFixture(new RunOptions(4, 2, 1));
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new MatchStage(retriever));

        List<StoryCharacter> characters = f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        List<CharacterMatch> matches = f.read(MatchStage.MATCHES, RunFileTypes.MATCHES);
        assertEquals(
                characters.stream().map(StoryCharacter::id).toList(),
                matches.stream().map(CharacterMatch::characterId).toList());
        matches.forEach(m -> assertEquals(2, m.matches().size(), "top-K from the run's options"));
        StoryCharacter anna = characters.stream()
                .filter(c -> c.name().equals("Anna Berg"))
                .findFirst()
                .orElseThrow();
        List<String> windows = retriever.contexts().get(anna.id());
        assertFalse(windows.isEmpty());
        assertTrue(windows.size() <= MatchStage.CONTEXT_WINDOWS);
        windows.forEach(w -> assertFalse(w.contains("Anna Berg"), "the character's name is masked: " + w));
        assertEquals("first-pairs", f.runs.manifest("r").components().get("retriever"));
    }
}

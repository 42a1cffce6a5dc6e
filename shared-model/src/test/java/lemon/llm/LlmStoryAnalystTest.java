package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lemon.run.RunOptions;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.analyze.AnalyzeStage;
import lemon.story.Gender;
import lemon.story.Scene;
import lemon.story.StoryCharacter;
import lemon.testing.ScriptedLlm;
import org.junit.jupiter.api.Test;

/** What the LLM analyst does with an answer, from a stand-in LLM through the analyze stage. */
class LlmStoryAnalystTest {
    @Test
    void aCharacterTheStoryNeverMentionsIsDroppedWithAWarningInTheManifest() {
        String answer = """
                {"characters": [
                  {"name": "Anna Berg", "aliases": [], "gender": "female", "role": "baker"},
                  {"name": "Master Kade", "aliases": ["BORIS KADE"], "gender": "male", "role": "blacksmith"},
                  {"name": "the sailor", "aliases": [], "gender": "male", "role": "sailor"},
                  {"name": "Zorro", "aliases": ["the masked rider"], "gender": "male", "role": "hero"}],
                 "scenes": [{"prompt": "Zorro rides through the market past Anna Berg's stall",
                             "characters": ["Zorro", "Anna Berg"]}]}
                """;
        StageFixture f = new StageFixture(new RunOptions(1, 3, 1));
        f.run(new AnalyzeStage(new LlmStoryAnalyst(new StructuredLlm(new ScriptedLlm().answer(answer), 1))));

        List<StoryCharacter> characters = f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        assertEquals(
                List.of("Anna Berg", "Master Kade", "the sailor"),
                characters.stream().map(StoryCharacter::name).sorted().toList(),
                "kept: a name, an alias in another case, a role the text has as 'a young sailor'");
        List<Scene> scenes = f.read(AnalyzeStage.SCENES, RunFileTypes.SCENES);
        assertEquals(List.of("anna-berg"), scenes.get(0).characterIds());
        List<String> warnings = f.runs.manifest("r").warnings();
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("\"Zorro\"") && w.contains("never mentions")),
                warnings.toString());
        assertFalse(warnings.stream().anyMatch(w -> w.contains("Kade")), warnings.toString());
    }

    @Test
    void anLlmsGroupsAndTheirMembersAreKeptAndAMemberOfAnInventedGroupIsUnlinked() {
        String answer = """
                {"characters": [
                  {"name": "Anna Berg", "aliases": [], "gender": "female", "role": "baker"},
                  {"name": "the bells", "aliases": [], "gender": "unknown", "role": "bells", "members": 0},
                  {"name": "Boris Kade", "aliases": [], "gender": "male", "role": "blacksmith", "memberOf": "the guild"},
                  {"name": "the guild", "aliases": ["smiths"], "gender": "male", "role": "guild", "members": 12},
                  {"name": "Carl Voss", "aliases": [], "gender": "male", "role": "sailor", "memberOf": "the bells"}],
                 "scenes": [{"prompt": "Anna Berg opens her stall", "characters": ["Anna Berg"]}]}
                """;
        StageFixture f = new StageFixture(new RunOptions(1, 3, 1));
        f.run(new AnalyzeStage(new LlmStoryAnalyst(new StructuredLlm(new ScriptedLlm().answer(answer), 1))));
        List<StoryCharacter> characters = f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        StoryCharacter bells = characters.stream()
                .filter(c -> c.id().equals("bells"))
                .findFirst()
                .orElseThrow();
        assertEquals(0, bells.members(), characters.toString());
        StoryCharacter carl = characters.stream()
                .filter(c -> c.id().equals("carl-voss"))
                .findFirst()
                .orElseThrow();
        assertEquals("bells", carl.memberOf(), "linked to a group the story mentions");
        StoryCharacter boris = characters.stream()
                .filter(c -> c.id().equals("boris-kade"))
                .findFirst()
                .orElseThrow();
        assertEquals(null, boris.memberOf(), "'the guild' is never in the story: dropped, and the link with it");
        assertFalse(characters.stream().anyMatch(c -> c.id().equals("the-guild") || c.id().equals("guild")));
    }

    @Test
    void mentionsAreWholeWordsIgnoringCaseApostrophesAndALeadingArticle() {
        String text = "Once the King’s Son rode out. A tailor sat at his window. Annabel sang.";
        assertTrue(LlmStoryAnalyst.occurs(LlmStoryAnalyst.normalise(text), "the king's son"));
        assertTrue(LlmStoryAnalyst.occurs(LlmStoryAnalyst.normalise(text), "the tailor"));
        assertFalse(LlmStoryAnalyst.occurs(LlmStoryAnalyst.normalise(text), "Anna"), "not inside another word");
        List<String> warnings = new ArrayList<>();
        var kept = LlmStoryAnalyst.grounded(
                text,
                List.of(
                        new StoryCharacter("annabel", "Annabel", List.of(), Gender.FEMALE, "", 0),
                        new StoryCharacter("anna", "Anna", List.of("the queen"), Gender.FEMALE, "", 0)),
                warnings);
        assertEquals(List.of("annabel"), kept.stream().map(StoryCharacter::id).toList());
        assertEquals(1, warnings.size());
    }
}

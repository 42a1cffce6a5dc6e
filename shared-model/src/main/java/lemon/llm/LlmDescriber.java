package lemon.llm;

import java.util.ArrayList;
import java.util.List;
import lemon.analysis.CharacterContexts;
import lemon.analysis.StoryCues;
import lemon.describe.CueRepair;
import lemon.describe.OutfitColours;
import lemon.port.CharacterDescriber;
import lemon.story.CdPair;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/** describe-characters through an LLM with the ICL prompt of Fig. 4. */
public final class LlmDescriber implements CharacterDescriber {
    /** Keeps prompt + examples + answer inside Llama-2's 4,096-token context. */
    static final int STORY_WORD_BUDGET = 2200;

    static final int MAX_WORDS = 120;

    private final StructuredLlm llm;

    public LlmDescriber(StructuredLlm llm) {
        this.llm = llm;
    }

    record Answer(String description) {}

    @Override
    public String name() {
        return "llm:" + llm.name();
    }

    /** As describe-characters does it, reading the story's cues first. */
    public String describe(
            String storyTitle,
            String storyText,
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples) {
        return describe(storyTitle, storyText, character, all, examples, StoryCues.of(storyText, character, all));
    }

    @Override
    public String describe(
            String storyTitle,
            String storyText,
            StoryCharacter character,
            List<StoryCharacter> all,
            List<CdPair> examples,
            List<StoryCue> stated) {
        String excerpt = Prompts.excerptFor(
                CharacterContexts.mentionSentences(storyText, character, all), storyText, STORY_WORD_BUDGET);
        String user = Prompts.describeUser(storyTitle, excerpt, character, examples, stated);
        String description = llm.ask(Prompts.DESCRIBE_SYSTEM, user, Answer.class, LlmDescriber::problems)
                .description();
        List<StoryCue> wrong = CueRepair.contradicted(description, stated);
        if (wrong.isEmpty()) return description;
        // asked once more with what it got wrong; still wrong, the contradicting clauses are repaired
        String again = user + "\nYour last description contradicted the story: \"" + description
                + "\". The story states "
                + String.join(
                        "; ",
                        wrong.stream().map(q -> q.kind() + ": " + q.value()).toList())
                + ". Write the description again.";
        description = llm.ask(Prompts.DESCRIBE_SYSTEM, again, Answer.class, LlmDescriber::problems)
                .description();
        return CueRepair.contradicted(description, stated).isEmpty()
                ? description
                : CueRepair.repair(description, stated);
    }

    /**
     * Each character asked on its own, then the cast dressed apart as the offline describer does it: clothes the
     * answers leave uncoloured get the colour the cast wears least ({@link OutfitColours}).
     */
    @Override
    public List<String> describeCast(
            String storyTitle,
            String storyText,
            List<StoryCharacter> cast,
            List<List<CdPair>> examples,
            List<List<StoryCue>> stated) {
        return OutfitColours.give(
                cast, CharacterDescriber.super.describeCast(storyTitle, storyText, cast, examples, stated), stated);
    }

    static List<String> problems(Answer a) {
        List<String> p = new ArrayList<>();
        if (a.description() == null || a.description().isBlank()) {
            p.add("\"description\" is missing or empty");
        } else {
            if (a.description().split("\\s+").length > MAX_WORDS) {
                p.add("the description is longer than " + MAX_WORDS + " words");
            }
            if (Prompts.echoesInstructions(a.description())) {
                p.add("the description repeats the instructions instead of describing the character");
            }
        }
        return p;
    }
}

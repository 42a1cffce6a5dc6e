package lemon.stage.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.analysis.CharacterContexts;
import lemon.port.CharacterRetriever;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.ingest.IngestStage;
import lemon.story.CharacterMatch;
import lemon.story.StoryCharacter;

/** match-characters: the portrait-prompting model of §4.1, top-K C.D. pairs per character. */
public final class MatchStage implements Stage {
    public static final String NAME = "match-characters";
    public static final String MATCHES = "matches.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(IngestStage.STORY, AnalyzeStage.CHARACTERS),
            List.of(MATCHES),
            // MiniLM runs on ONNX Runtime, whose natives alone exceed a Lambda zip's 50 MB
            Placement.ENGINE_CONTAINER,
            "Portrait-prompting model: top-K character descriptions per character.");
    /** Context windows per character handed to the matcher; more adds time, little signal. */
    static final int CONTEXT_WINDOWS = 12;

    private final CharacterRetriever retriever;

    public MatchStage(CharacterRetriever retriever) {
        this.retriever = retriever;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /** What the retriever matches each character by: its masked context windows in the story. */
    public static Map<String, List<String>> contexts(String text, List<StoryCharacter> characters) {
        Map<String, List<String>> contexts = new LinkedHashMap<>();
        for (StoryCharacter c : characters) {
            contexts.put(c.id(), CharacterContexts.windows(text, c, characters, CONTEXT_WINDOWS));
        }
        return contexts;
    }

    @Override
    public StageOutput run(StageContext run) {
        String text = run.requireText(IngestStage.STORY);
        List<StoryCharacter> characters = run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        List<CharacterMatch> matches =
                retriever.match(contexts(text, characters), run.options().topK());
        run.write(MATCHES, matches);
        return new StageOutput(
                matches.size() + " characters matched, top-" + run.options().topK(),
                Map.of("characters", matches.size()),
                Map.of("retriever", retriever.name()),
                List.of());
    }
}

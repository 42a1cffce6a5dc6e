package lemon.stage.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.analysis.StoryCues;
import lemon.describe.CueCheck;
import lemon.describe.DescriptionCleaner;
import lemon.port.CharacterDescriber;
import lemon.port.CharacterRetriever;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.match.MatchStage;
import lemon.story.CdPair;
import lemon.story.CharacterDescription;
import lemon.story.CharacterMatch;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;

/**
 * describe-characters: one appearance sentence per character, guided by its retrieved examples (Fig. 4)
 * and true to what the story states; each description records the story cues it keeps.
 */
public final class DescribeStage implements Stage {
    public static final String NAME = "describe-characters";
    public static final String DESCRIPTIONS = "descriptions.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(IngestStage.STORY, AnalyzeStage.CHARACTERS, MatchStage.MATCHES),
            List.of(DESCRIPTIONS),
            Placement.LAMBDA,
            "LLM: one descriptive sentence per character.");

    private final CharacterDescriber describer;
    private final CharacterRetriever retriever;

    public DescribeStage(CharacterDescriber describer, CharacterRetriever retriever) {
        this.describer = describer;
        this.retriever = retriever;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /** One cleaned description per character, from its retrieved examples (none when it has no match). */
    public List<CharacterDescription> describe(
            String title, String text, List<StoryCharacter> characters, List<CharacterMatch> matchList) {
        Map<String, CharacterMatch> matches = new LinkedHashMap<>();
        matchList.forEach(x -> matches.put(x.characterId(), x));
        List<List<String>> ids = new ArrayList<>();
        List<List<CdPair>> examples = new ArrayList<>();
        List<List<StoryCue>> stated = new ArrayList<>();
        for (StoryCharacter c : characters) {
            List<String> own = matches.containsKey(c.id())
                    ? matches.get(c.id()).matches().stream()
                            .map(CharacterMatch.Scored::cdId)
                            .toList()
                    : List.of();
            ids.add(own);
            examples.add(own.stream().map(retriever::pair).toList());
            stated.add(StoryCues.of(text, c, characters));
        }
        List<String> raw = describer.describeCast(title, text, characters, examples, stated);
        List<CharacterDescription> out = new ArrayList<>();
        for (int i = 0; i < characters.size(); i++) {
            StoryCharacter c = characters.get(i);
            String description = DescriptionCleaner.clean(raw.get(i), c.name());
            List<StoryCue> kept = stated.get(i).stream()
                    .filter(q -> CueCheck.check(q.kind(), q.value(), description) == CueCheck.Verdict.KEPT)
                    .toList();
            out.add(new CharacterDescription(c.id(), c.name(), description, ids.get(i), kept));
        }
        return out;
    }

    @Override
    public StageOutput run(StageContext run) {
        String text = run.requireText(IngestStage.STORY);
        List<StoryCharacter> characters = run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        List<CharacterDescription> out = describe(
                run.manifest().input().title(),
                text,
                characters,
                run.require(MatchStage.MATCHES, RunFileTypes.MATCHES));
        run.write(DESCRIPTIONS, out);
        return new StageOutput(
                out.size() + " descriptions",
                Map.of("descriptions", out.size()),
                Map.of("describer", describer.name()),
                List.of());
    }
}

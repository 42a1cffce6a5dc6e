package lemon.stage.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.analysis.CastEditor;
import lemon.ingest.StoryRejectedException;
import lemon.port.StoryAnalyst;
import lemon.report.GraphSvg;
import lemon.stage.Placement;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.ingest.IngestStage;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;

/** analyze-story: characters, scene prompts and the interaction graph, from an LLM or the offline analyst. */
public final class AnalyzeStage implements Stage {
    public static final String NAME = "analyze-story";
    public static final String CHARACTERS = "characters.json";
    public static final String SCENES = "scenes.json";
    public static final String GRAPH = "graph.json";
    public static final String GRAPH_SVG = "graph.svg";
    public static final String WARNINGS = "analysis-warnings.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(IngestStage.STORY),
            List.of(CHARACTERS, SCENES, GRAPH, GRAPH_SVG, WARNINGS),
            Placement.LAMBDA,
            "LLM: characters, scene prompts, interaction graph.");

    private final StoryAnalyst analyst;

    public AnalyzeStage(StoryAnalyst analyst) {
        this.analyst = analyst;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    /**
     * Drops scene prompts that name no character, from whichever analyst: a scene is drawn with its
     * characters' tokens, and an LLM that followed instructions hidden in the story ("Ignore previous
     * instructions and …") answers with exactly such a scene.
     */
    static StoryAnalysis withCharactersInEveryScene(StoryAnalysis a) {
        List<Scene> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Scene s : a.scenes()) {
            if (s.characterIds().isEmpty()) {
                dropped.add(s.prompt().length() > 60 ? s.prompt().substring(0, 57) + "..." : s.prompt());
            } else {
                kept.add(new Scene(kept.size(), s.prompt(), s.characterIds()));
            }
        }
        if (dropped.isEmpty()) {
            return a;
        }
        List<String> warnings = new ArrayList<>(a.warnings());
        warnings.add("dropped " + dropped.size() + " scene prompt" + (dropped.size() == 1 ? "" : "s")
                + " naming no character: \"" + String.join("\", \"", dropped) + "\"");
        return new StoryAnalysis(a.characters(), kept, a.graph(), warnings);
    }

    @Override
    public StageOutput run(StageContext run) {
        String story = run.requireText(IngestStage.STORY);
        // the user's --cast corrections come before the scene check: a dropped character takes its scenes along
        StoryAnalysis analysis = withCharactersInEveryScene(CastEditor.apply(
                story,
                analyst.analyze(story, run.options().scenes()),
                run.options().cast()));
        if (analysis.characters().isEmpty()) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.NO_CHARACTERS,
                    "no characters found in \"" + run.manifest().input().title() + "\": the story needs at least one"
                            + " named or clearly described person (e.g. 'the tailor', 'Ali Baba')"
                            + analysis.warnings().stream()
                                    .filter(w -> w.startsWith(StoryAnalyst.NO_CHARACTERS_BECAUSE))
                                    .map(w -> "; " + w.substring(StoryAnalyst.NO_CHARACTERS_BECAUSE.length()))
                                    .findFirst()
                                    .orElse(""));
        }
        run.write(CHARACTERS, analysis.characters());
        run.write(SCENES, analysis.scenes());
        run.write(GRAPH, analysis.graph());
        run.writeText(GRAPH_SVG, GraphSvg.render(analysis.graph(), analysis.characters()));
        run.write(WARNINGS, analysis.warnings());
        return new StageOutput(
                analysis.characters().size() + " characters, "
                        + analysis.scenes().size() + " scenes, "
                        + analysis.graph().edges().size() + " edges",
                Map.of(
                        "characters",
                        analysis.characters().size(),
                        "scenes",
                        analysis.scenes().size(),
                        "edges",
                        analysis.graph().edges().size()),
                run.options().cast().isEmpty()
                        ? Map.of("analyst", analyst.name())
                        : Map.of("analyst", analyst.name(), "cast corrections", "applied (see the run's options)"),
                analysis.warnings());
    }
}

package lemon.stage.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.report.ReportPage;
import lemon.report.Storyboard;
import lemon.report.StoryboardPage;
import lemon.report.StoryboardSheet;
import lemon.run.StageState;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageKey;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.refine.RefineStage;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Personalization;
import lemon.story.SceneCheck;
import lemon.story.SceneImage;
import lemon.story.TrainingSet;

/**
 * publish: everything the run made on one page (report.html) and, once the refine loop has run,
 * the storyboard of its last iteration (storyboard.html, storyboard.png) with every iteration's
 * decisions and the run's figures (metrics.json).
 */
public final class PublishStage implements Stage {
    public static final String NAME = "publish";
    public static final String REPORT = "report.html";
    public static final String STORYBOARD = "storyboard.html";
    public static final String SHEET = "storyboard.png";
    public static final String METRICS = "metrics.json";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(
                    AnalyzeStage.CHARACTERS,
                    AnalyzeStage.SCENES,
                    AnalyzeStage.GRAPH,
                    AnalyzeStage.GRAPH_SVG,
                    MatchStage.MATCHES,
                    DescribeStage.DESCRIPTIONS,
                    PortraitsStage.PORTRAITS,
                    VisualizeStage.SCENE_IMAGES,
                    ValidateStage.SCENE_CHECKS,
                    RefineStage.REFINEMENT),
            List.of(REPORT, STORYBOARD, SHEET, METRICS),
            Placement.LAMBDA,
            "Storyboard HTML and PNG sheet, report HTML, metrics JSON.");

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        ReportPage.Inputs inputs = new ReportPage.Inputs(
                run.manifest(),
                run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS),
                run.require(AnalyzeStage.SCENES, RunFileTypes.SCENES),
                run.require(AnalyzeStage.GRAPH, RunFileTypes.GRAPH),
                run.requireText(AnalyzeStage.GRAPH_SVG),
                run.require(MatchStage.MATCHES, RunFileTypes.MATCHES),
                run.require(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS),
                run.read(PortraitsStage.PORTRAITS, RunFileTypes.PORTRAITS).orElse(List.of()),
                run.read(AnalyzeStage.WARNINGS, RunFileTypes.STRINGS).orElse(List.of()));
        run.writeText(REPORT, ReportPage.render(inputs));
        int last = lastRefinement(run);
        if (last < 0) return StageOutput.of("report.html written", Map.of());
        return storyboard(run, inputs, last);
    }

    private StageOutput storyboard(StageContext run, ReportPage.Inputs report, int last) {
        List<SceneImage> images = run.readAt(VisualizeStage.SCENE_IMAGES, last, RunFileTypes.SCENE_IMAGES)
                .orElseThrow();
        List<SceneCheck> checks = run.readAt(ValidateStage.SCENE_CHECKS, last, RunFileTypes.SCENE_CHECKS)
                .orElseThrow();
        List<Storyboard.Shown> shown = Storyboard.choose(images, checks, f -> StageKey.file(f, last));
        List<StoryboardPage.Iteration> iterations = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Personalization p = run.readAt(PersonalizeStage.PERSONALIZATION, i, RunFileTypes.PERSONALIZATION)
                    .orElseThrow();
            iterations.add(new StoryboardPage.Iteration(
                    i,
                    p.metrics(),
                    Storyboard.metrics(run.readAt(ValidateStage.SCENE_CHECKS, i, RunFileTypes.SCENE_CHECKS)
                            .orElseThrow()),
                    run.readAt(RefineStage.REFINEMENT, i, RunFileTypes.REFINEMENT)
                            .orElse(null)));
        }
        TrainingSet finalSet = run.readAt(RefineStage.TRAINING_SET, last, RunFileTypes.TRAINING_SET)
                .orElseThrow();
        Personalization p = run.readAt(PersonalizeStage.PERSONALIZATION, last, RunFileTypes.PERSONALIZATION)
                .orElseThrow();
        Map<String, String> tokenPortraits = new LinkedHashMap<>();
        p.tokens()
                .keySet()
                .forEach(id ->
                        tokenPortraits.put(id, StageKey.file(VisualizeStage.TOKEN_PORTRAITS + id + ".png", last)));
        run.writeText(
                STORYBOARD,
                StoryboardPage.render(new StoryboardPage.Inputs(
                        run.manifest(),
                        report.characters(),
                        report.descriptions(),
                        report.graphSvg(),
                        shown,
                        finalSet.portraits(),
                        tokenPortraits,
                        iterations,
                        SHEET)));
        List<byte[]> pictures = new ArrayList<>();
        for (Storyboard.Shown s : shown) pictures.add(run.bytesAt(s.file()).orElseThrow());
        run.writeBytes(SHEET, StoryboardSheet.render(pictures));
        Map<String, Object> metrics = new LinkedHashMap<>(iterations.get(last).checks());
        metrics.put("iterations", last + 1);
        List<Double> spread = new ArrayList<>();
        for (StoryboardPage.Iteration it : iterations) {
            if (it.refinement() != null) spread.add(mean(it.refinement().spreadBefore()));
        }
        if (iterations.get(last).refinement() != null)
            spread.add(mean(iterations.get(last).refinement().spreadAfter()));
        metrics.put("portraitSpreadByIteration", spread);
        run.write(METRICS, metrics);
        return StageOutput.of(
                "storyboard.html (" + shown.size() + " scenes, " + (last + 1)
                        + " iterations), storyboard.png, report.html",
                Map.of("scenes", shown.size(), "iterations", last + 1));
    }

    /** The last iteration whose refine completed, or −1 when the loop has not run. */
    static int lastRefinement(StageContext run) {
        int last = -1;
        for (var e : run.manifest().stages().entrySet()) {
            StageKey key = StageKey.parse(e.getKey());
            if (key.stage().equals(RefineStage.NAME) && e.getValue().status() == StageState.Status.DONE)
                last = Math.max(last, key.iteration());
        }
        return last;
    }

    private static double mean(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}

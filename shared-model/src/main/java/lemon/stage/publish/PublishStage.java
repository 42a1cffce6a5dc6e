package lemon.stage.publish;

import java.util.List;
import java.util.Map;
import lemon.report.ReportPage;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.stage.portraits.PortraitsStage;

/** publish: everything the run made on one page (report.html). */
public final class PublishStage implements Stage {
    public static final String NAME = "publish";
    public static final String REPORT = "report.html";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(
                    AnalyzeStage.CHARACTERS,
                    AnalyzeStage.SCENES,
                    AnalyzeStage.GRAPH,
                    AnalyzeStage.GRAPH_SVG,
                    MatchStage.MATCHES,
                    DescribeStage.DESCRIPTIONS,
                    PortraitsStage.PORTRAITS),
            List.of(REPORT),
            Placement.LAMBDA,
            "Storyboard HTML, metrics JSON, cost report.");

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
        return StageOutput.of("report.html written", Map.of());
    }
}

package lemon.report;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import lemon.run.RunManifest;
import lemon.story.CharacterDescription;
import lemon.story.CharacterMatch;
import lemon.story.InteractionGraph;
import lemon.story.Portrait;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/** report.html: one self-contained page a person can open to see what the run found. */
public final class ReportPage {
    private ReportPage() {}

    public record Inputs(
            RunManifest manifest,
            List<StoryCharacter> characters,
            List<Scene> scenes,
            InteractionGraph graph,
            String graphSvg,
            List<CharacterMatch> matches,
            List<CharacterDescription> descriptions,
            List<Portrait> portraits,
            List<String> warnings) {}

    public static String render(Inputs in) {
        RunManifest m = in.manifest();
        Map<String, CharacterDescription> desc = in.descriptions().stream()
                .collect(Collectors.toMap(CharacterDescription::characterId, Function.identity(), (a, b) -> a));
        Map<String, CharacterMatch> match = in.matches().stream()
                .collect(Collectors.toMap(CharacterMatch::characterId, Function.identity(), (a, b) -> a));
        Map<String, String> names = in.characters().stream()
                .collect(Collectors.toMap(StoryCharacter::id, StoryCharacter::name, (a, b) -> a));
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>LeMon – ")
                .append(Html.esc(m.input().title()))
                .append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;width:100%;margin:1em 0}")
                .append("td,th{border:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}")
                .append("th{background:#f6f1dc}.small{color:#666;font-size:90%}.warn{color:#a04000}")
                .append(".portrait{width:96px;height:96px;image-rendering:pixelated;margin:6px 4px 0 0}")
                .append("</style></head><body>\n");
        h.append("<h1>")
                .append(Html.esc(m.input().title()))
                .append("</h1>\n<p class=\"small\">run ")
                .append(Html.esc(m.runId()))
                .append(" · ")
                .append(m.input().words())
                .append(" words · created ")
                .append(Html.esc(m.createdAt()))
                .append(m.options().personalises() ? " · <a href=\"storyboard.html\">storyboard</a>" : "")
                .append("</p>\n");
        h.append("<h2>Who did the work</h2>\n<table>");
        m.components()
                .forEach((k, v) -> h.append("<tr><th>")
                        .append(Html.esc(k))
                        .append("</th><td>")
                        .append(Html.esc(v))
                        .append("</td></tr>"));
        h.append("</table>\n");
        if (!in.warnings().isEmpty() || !m.warnings().isEmpty()) {
            h.append("<h2>Warnings</h2><ul class=\"warn\">");
            in.warnings().forEach(w -> h.append("<li>").append(Html.esc(w)).append("</li>"));
            m.warnings().stream()
                    .filter(w -> !in.warnings().contains(w))
                    .forEach(w -> h.append("<li>").append(Html.esc(w)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Characters (")
                .append(in.characters().size())
                .append(")</h2>\n<table><tr><th>Character</th>")
                .append("<th>Gender · role · mentions</th><th>Description</th><th>Retrieved examples</th></tr>\n");
        for (StoryCharacter c : in.characters()) {
            h.append("<tr><td><b>").append(Html.esc(c.name())).append("</b>");
            if (!c.aliases().isEmpty()) {
                h.append("<br><span class=\"small\">also: ")
                        .append(Html.esc(String.join(", ", c.aliases())))
                        .append("</span>");
            }
            h.append("</td><td>")
                    .append(c.gender().name().toLowerCase())
                    .append(" · ")
                    .append(c.role().isBlank() ? "–" : Html.esc(c.role()))
                    .append(" · ")
                    .append(c.mentions())
                    .append("</td><td>")
                    .append(desc.containsKey(c.id()) ? Html.esc(desc.get(c.id()).description()) : "");
            h.append("<div>");
            in.portraits().stream()
                    .filter(p -> p.characterId().equals(c.id()))
                    .forEach(p -> h.append("<img class=\"portrait\" src=\"")
                            .append(Html.esc(p.file()))
                            .append("\" title=\"seed ")
                            .append(p.seed())
                            .append("\" alt=\"portrait ")
                            .append(p.index() + 1)
                            .append(" of ")
                            .append(Html.esc(c.name()))
                            .append("\">"));
            h.append("</div></td><td class=\"small\">");
            if (match.containsKey(c.id())) {
                for (CharacterMatch.Scored s : match.get(c.id()).matches()) {
                    h.append(Html.esc(s.character()))
                            .append(" (")
                            .append(Html.esc(s.script()))
                            .append(", ")
                            .append(String.format(java.util.Locale.ROOT, "%.2f", s.score()))
                            .append(")<br>");
                }
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Interaction graph</h2>\n")
                .append(in.graphSvg())
                .append("\n<table><tr><th>Pair</th>")
                .append("<th>Sentences together</th><th>Weight</th></tr>\n");
        in.graph().edges().stream()
                .sorted((a, b) -> Double.compare(b.weight(), a.weight()))
                .limit(15)
                .forEach(e -> h.append("<tr><td>")
                        .append(Html.esc(names.getOrDefault(e.a(), e.a())))
                        .append(" – ")
                        .append(Html.esc(names.getOrDefault(e.b(), e.b())))
                        .append("</td><td>")
                        .append(e.count())
                        .append("</td><td>")
                        .append(String.format(java.util.Locale.ROOT, "%.2f", e.weight()))
                        .append("</td></tr>\n"));
        h.append("</table>\n<h2>Scenes (").append(in.scenes().size()).append(")</h2>\n<ol>\n");
        for (Scene s : in.scenes()) {
            h.append("<li>")
                    .append(Html.esc(s.prompt()))
                    .append(" <span class=\"small\">[")
                    .append(Html.esc(s.characterIds().stream()
                            .map(id -> names.getOrDefault(id, id))
                            .collect(Collectors.joining(", "))))
                    .append("]</span></li>\n");
        }
        h.append("</ol>\n<h2>Stages</h2>\n<table><tr><th>Stage</th><th>State</th><th>Time</th></tr>\n");
        m.stages()
                .forEach((name, st) -> h.append("<tr><td>")
                        .append(Html.esc(name))
                        .append("</td><td>")
                        .append(
                                name.equals("publish") && st.status() == lemon.run.StageState.Status.RUNNING
                                        ? "writing this page"
                                        : st.status())
                        .append("</td><td>")
                        .append(st.millis() == null ? "" : st.millis() + " ms")
                        .append("</td></tr>\n"));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }
}

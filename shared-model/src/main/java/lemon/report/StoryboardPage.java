package lemon.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import lemon.run.RunManifest;
import lemon.story.CharacterDescription;
import lemon.story.Refinement;
import lemon.story.StoryCharacter;

/**
 * storyboard.html: the run's result on one self-contained page — the characters with the portraits
 * they were learned from and a portrait from each learned token, every scene in story order with
 * its prompt, picture, validator verdict and scores, the interaction graph, what each refinement
 * iteration changed, and the figures. Images are relative links to the run's files; no CDN.
 */
public final class StoryboardPage {
    private StoryboardPage() {}

    /** One pass of the loop: its personalisation figures, its pictures' figures and refine's decisions. */
    public record Iteration(
            int iteration, Map<String, Object> personalization, Map<String, Double> checks, Refinement refinement) {}

    /**
     * @param trainingPortraits per character id, the run-relative files of its portraits after the last refinement
     * @param tokenPortraits    per character id, the file of its portrait painted from the token alone
     */
    public record Inputs(
            RunManifest manifest,
            List<StoryCharacter> characters,
            List<CharacterDescription> descriptions,
            String graphSvg,
            List<Storyboard.Shown> scenes,
            Map<String, List<String>> trainingPortraits,
            Map<String, String> tokenPortraits,
            List<Iteration> iterations,
            String sheetFile) {}

    /** What the page shows of personalisation: what it learned from and how far, not how long it took (the manifest has times). */
    static final java.util.Set<String> SHOWN_TRAINING_FIGURES =
            java.util.Set.of("steps", "scenePairs", "warmStart", "loss", "lossRec", "lossCt", "characters");

    public static String render(Inputs in) {
        RunManifest m = in.manifest();
        Map<String, String> names = in.characters().stream()
                .collect(Collectors.toMap(StoryCharacter::id, StoryCharacter::name, (a, b) -> a));
        Map<String, String> desc = in.descriptions().stream()
                .collect(Collectors.toMap(
                        CharacterDescription::characterId, CharacterDescription::description, (a, b) -> a));
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Storyboard – ")
                .append(Html.esc(m.input().title()))
                .append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}")
                .append("img{image-rendering:pixelated}.p{width:80px;height:80px;margin:2px}")
                .append(".tok{width:96px;height:96px;outline:3px solid #c9a227;margin:2px}")
                .append(".scenes{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px}")
                .append(".scene{border:1px solid #ddd;padding:8px}.scene img{width:256px;height:128px}")
                .append(".ok{color:#17702a}.no{color:#a02020}.small{color:#666;font-size:90%}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:5px;")
                .append("text-align:left;vertical-align:top}th{background:#f6f1dc}")
                .append("</style></head><body>\n<h1>")
                .append(Html.esc(m.input().title()))
                .append("</h1>\n<p class=\"small\">run ")
                .append(Html.esc(m.runId()))
                .append(" · <a href=\"report.html\">full report</a>");
        if (in.sheetFile() != null) {
            h.append(" · <a href=\"").append(Html.esc(in.sheetFile())).append("\">storyboard sheet (PNG)</a>");
        }
        h.append("</p>\n");

        Map<String, Double> last = in.iterations().isEmpty()
                ? Map.of()
                : in.iterations().get(in.iterations().size() - 1).checks();
        h.append("<h2>Figures</h2>\n<table>");
        last.forEach((k, v) -> h.append("<tr><th>")
                .append(Html.esc(k))
                .append("</th><td>")
                .append(k.equals("pictures") ? String.valueOf(v.intValue()) : String.format(Locale.ROOT, "%.3f", v))
                .append("</td></tr>"));
        h.append("<tr><th>refinement iterations</th><td>")
                .append(in.iterations().size())
                .append("</td></tr></table>\n");

        h.append("<h2>Characters</h2>\n<table><tr><th>Character</th><th>From its learned token</th>")
                .append("<th>Portraits after refinement</th></tr>\n");
        for (StoryCharacter c : in.characters()) {
            if (!in.trainingPortraits().containsKey(c.id())) continue;
            h.append("<tr><td><b>")
                    .append(Html.esc(c.name()))
                    .append("</b><br><span class=\"small\">")
                    .append(Html.esc(desc.getOrDefault(c.id(), "")))
                    .append("</span></td><td>");
            String tok = in.tokenPortraits().get(c.id());
            if (tok != null) {
                h.append("<img class=\"tok\" src=\"")
                        .append(Html.esc(tok))
                        .append("\" alt=\"")
                        .append(Html.esc(c.name()))
                        .append(" painted from the learned token\">");
            }
            h.append("</td><td>");
            for (String f : in.trainingPortraits().get(c.id())) {
                h.append("<img class=\"p\" src=\"")
                        .append(Html.esc(f))
                        .append("\" alt=\"portrait of ")
                        .append(Html.esc(c.name()))
                        .append("\">");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Scenes (").append(in.scenes().size()).append(")</h2>\n<div class=\"scenes\">\n");
        for (Storyboard.Shown s : in.scenes()) {
            var img = s.image();
            var c = s.check();
            h.append("<div class=\"scene\"><b>")
                    .append(img.scene() + 1)
                    .append(".</b> ")
                    .append(Html.esc(img.prompt()))
                    .append("<br><img src=\"")
                    .append(Html.esc(s.file()))
                    .append("\" alt=\"scene ")
                    .append(img.scene() + 1)
                    .append(": ")
                    .append(Html.esc(img.prompt()))
                    .append("\"><br><span class=\"small\">")
                    .append(Html.esc(img.characterIds().stream()
                            .map(id -> names.getOrDefault(id, id))
                            .collect(Collectors.joining(", "))))
                    .append(" · take ")
                    .append(img.take() + 1)
                    .append(" of ")
                    .append(s.takes())
                    .append(" · seed ")
                    .append(img.seed())
                    .append("</span>");
            if (c != null) {
                h.append("<br><span class=\"")
                        .append(c.accepted() ? "ok\">accepted" : "no\">not accepted")
                        .append("</span> <span class=\"small\">people ")
                        .append(c.seenPeople())
                        .append("/")
                        .append(c.expectedPeople())
                        .append(", genders ")
                        .append(c.gendersOk() ? "match" : "differ")
                        .append(", CLIP ")
                        .append(String.format(Locale.ROOT, "%.3f", c.clipScore()))
                        .append("</span>");
            }
            h.append("<br><span class=\"small\">painted as: ")
                    .append(Html.esc(img.paintedPrompt()))
                    .append("</span></div>\n");
        }
        h.append("</div>\n<h2>Interaction graph</h2>\n").append(in.graphSvg()).append("\n");

        h.append("<h2>Refinement</h2>\n<table><tr><th>Iteration</th><th>Personalisation</th>")
                .append("<th>Pictures</th><th>Decisions</th></tr>\n");
        for (Iteration it : in.iterations()) {
            h.append("<tr><td>").append(it.iteration()).append("</td><td class=\"small\">");
            it.personalization().forEach((k, v) -> {
                if (SHOWN_TRAINING_FIGURES.contains(k)) {
                    h.append(Html.esc(k))
                            .append(" ")
                            .append(Html.esc(String.valueOf(v)))
                            .append("<br>");
                }
            });
            h.append("</td><td class=\"small\">");
            it.checks()
                    .forEach((k, v) -> h.append(Html.esc(k))
                            .append(" ")
                            .append(String.format(Locale.ROOT, "%.3f", v))
                            .append("<br>"));
            h.append("</td><td class=\"small\">");
            Refinement r = it.refinement();
            if (r != null) {
                h.append(r.acceptedImages().size())
                        .append(" accepted pictures; portrait spread ")
                        .append(String.format(
                                Locale.ROOT, "%.4f → %.4f", mean(r.spreadBefore()), mean(r.spreadAfter())))
                        .append("<br>");
                for (Refinement.Drop d : r.dropped()) {
                    String who = names.getOrDefault(d.characterId(), d.characterId());
                    h.append("dropped ")
                            .append(portrait(d.file(), "dropped portrait of " + who))
                            .append(String.format(Locale.ROOT, " (score %.3f) for ", d.score()))
                            .append(portrait(d.replacement(), "new portrait of " + who))
                            .append("<br>");
                }
                for (Refinement.Drop d : r.spared()) {
                    String who = names.getOrDefault(d.characterId(), d.characterId());
                    h.append("kept ")
                            .append(portrait(d.file(), "low-scoring portrait of " + who))
                            .append(String.format(
                                    Locale.ROOT,
                                    " (score %.3f): every replacement would have widened the spread<br>",
                                    d.score()));
                }
                h.append(Html.esc(r.reason()));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static String portrait(String file, String alt) {
        return "<img class=\"p\" src=\"" + Html.esc(file) + "\" alt=\"" + Html.esc(alt) + "\">";
    }

    static double mean(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}

package lemon.report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.story.InteractionGraph;
import lemon.story.StoryCharacter;

/**
 * Draws the interaction graph as a standalone SVG: characters on a circle, most-mentioned first,
 * edge width and opacity by weight so the strongest interactions stand out.
 */
public final class GraphSvg {
    private static final int SIZE = 640;
    /** Room left and right of the circle for long names ("captain of the thieves"). */
    private static final int MARGIN = 140;

    private static final int MAX_NODES = 40;

    private GraphSvg() {}

    public static String render(InteractionGraph graph, List<StoryCharacter> characters) {
        List<StoryCharacter> shown = characters.stream()
                .sorted((a, b) -> Integer.compare(b.mentions(), a.mentions()))
                .limit(MAX_NODES)
                .toList();
        Map<String, double[]> pos = new HashMap<>();
        double cx = SIZE / 2.0 + MARGIN;
        double c = SIZE / 2.0;
        double r = SIZE / 2.0 - 60;
        for (int i = 0; i < shown.size(); i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, shown.size());
            pos.put(shown.get(i).id(), new double[] {cx + r * Math.cos(a), c + r * Math.sin(a)});
        }
        int maxMentions =
                shown.stream().mapToInt(StoryCharacter::mentions).max().orElse(1);
        StringBuilder s = new StringBuilder();
        int width = SIZE + 2 * MARGIN;
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(SIZE)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(SIZE)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fffdf5\"/>\n");
        for (InteractionGraph.Edge e : graph.edges()) {
            double[] p = pos.get(e.a());
            double[] q = pos.get(e.b());
            if (p == null || q == null) {
                continue;
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c0392b\" stroke-width=\"%.1f\" "
                            + "stroke-opacity=\"%.2f\"><title>%s – %s: %d (w=%.2f)</title></line>\n",
                    p[0],
                    p[1],
                    q[0],
                    q[1],
                    0.5 + 7 * e.weight(),
                    0.25 + 0.7 * e.weight(),
                    Html.esc(e.a()),
                    Html.esc(e.b()),
                    e.count(),
                    e.weight()));
        }
        for (StoryCharacter ch : shown) {
            double[] p = pos.get(ch.id());
            double radius = 5 + 10 * Math.sqrt((double) ch.mentions() / maxMentions);
            double dx = p[0] - cx;
            String anchor = Math.abs(dx) < 20 ? "middle" : dx > 0 ? "start" : "end";
            double lx = p[0] + (anchor.equals("middle") ? 0 : Math.signum(dx) * (radius + 4));
            double ly = p[1] + (anchor.equals("middle") ? Math.signum(p[1] - c) * (radius + 12) : 4);
            s.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#f1c40f\" stroke=\"#7d6608\"/>\n"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
                    p[0],
                    p[1],
                    radius,
                    lx,
                    ly,
                    anchor,
                    Html.esc(ch.name())));
        }
        s.append("</svg>\n");
        return s.toString();
    }
}

package lemon.analysis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;

/** Prints what the offline analyst makes of a story file, for eyeballing ({@code lemon analyze}). */
public final class AnalysisPrinter {
    private AnalysisPrinter() {}

    private static String groupNote(StoryCharacter c) {
        if (c.isGroup()) return c.members() == 0 ? "  group" : "  group of " + c.members();
        return c.memberOf() == null ? "" : "  member of " + c.memberOf();
    }

    /** Characters, the heaviest edges, scenes and warnings of one story, with the analysis time. */
    public static void print(Path story, int scenes, PrintStream out) throws IOException {
        String text = Files.readString(story, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        StoryAnalysis a = new OfflineAnalyst().analyze(text, scenes);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.println("== " + story + " (" + ms + " ms)");
        for (StoryCharacter c : a.characters()) {
            out.printf(
                    "  %-28s %-28s %-7s %-20s %3d  %s%s%n",
                    c.id(), c.name(), c.gender(), c.role(), c.mentions(), c.aliases(), groupNote(c));
        }
        out.println("  edges:");
        a.graph().edges().stream()
                .limit(8)
                .forEach((InteractionGraph.Edge e) ->
                        out.printf("    %s -- %s  %d  %.2f%n", e.a(), e.b(), e.count(), e.weight()));
        out.println("  scenes:");
        for (Scene s : a.scenes()) {
            out.printf("    %2d %s  %s%n", s.index(), s.prompt(), s.characterIds());
        }
        for (String w : a.warnings()) out.println("  warning: " + w);
    }
}

package lemon.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import lemon.model.InteractionGraph;
import lemon.model.Scene;
import lemon.model.StoryAnalysis;
import lemon.model.StoryCharacter;

/** Prints what the offline analyst makes of story files, for eyeballing: args are file paths. */
public final class AnalyzeTool {
    private AnalyzeTool() {}

    public static void main(String[] args) throws IOException {
        OfflineAnalyst analyst = new OfflineAnalyst();
        for (String arg : args) {
            String text = Files.readString(Path.of(arg), StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            StoryAnalysis a = analyst.analyze(text, OfflineAnalyst.DEFAULT_SCENES);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("== " + arg + " (" + ms + " ms)");
            for (StoryCharacter c : a.characters()) {
                System.out.printf("  %-28s %-28s %-7s %-20s %3d  %s%n", c.id(), c.name(), c.gender(),
                        c.role(), c.mentions(), c.aliases());
            }
            System.out.println("  edges:");
            a.graph().edges().stream().limit(8).forEach((InteractionGraph.Edge e) ->
                    System.out.printf("    %s -- %s  %d  %.2f%n", e.a(), e.b(), e.count(), e.weight()));
            System.out.println("  scenes:");
            for (Scene s : a.scenes()) {
                System.out.printf("    %2d %s  %s%n", s.index(), s.prompt(), s.characterIds());
            }
            for (String w : a.warnings()) System.out.println("  warning: " + w);
        }
    }
}

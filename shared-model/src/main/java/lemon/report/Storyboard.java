package lemon.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.story.SceneCheck;
import lemon.story.SceneImage;

/**
 * What the storyboard shows, worked out once for the page and the PNG sheet: for each scene the
 * take to show (accepted first, then the right number of people, then the best CLIP score), and the
 * run's figures over all takes.
 */
public final class Storyboard {
    private Storyboard() {}

    /** A scene's chosen picture: the stored file (run-relative key) and its check. */
    public record Shown(SceneImage image, String file, SceneCheck check, int takes) {}

    /**
     * @param fileOf the run-relative key of a picture's file at the loop's last iteration
     */
    public static List<Shown> choose(
            List<SceneImage> images, List<SceneCheck> checks, java.util.function.Function<String, String> fileOf) {
        Map<String, SceneCheck> checkByFile = new LinkedHashMap<>();
        checks.forEach(c -> checkByFile.put(c.file(), c));
        Map<Integer, List<SceneImage>> byScene = new LinkedHashMap<>();
        for (SceneImage i : images)
            byScene.computeIfAbsent(i.scene(), k -> new ArrayList<>()).add(i);
        List<Shown> out = new ArrayList<>();
        for (var e : byScene.entrySet()) {
            SceneImage best = e.getValue().stream()
                    .max(Comparator.comparing((SceneImage i) -> rank(checkByFile.get(i.file()))))
                    .orElseThrow();
            out.add(new Shown(
                    best,
                    fileOf.apply(best.file()),
                    checkByFile.get(best.file()),
                    e.getValue().size()));
        }
        return out;
    }

    private static double rank(SceneCheck c) {
        if (c == null) return -10;
        return (c.accepted() ? 4 : 0) + (c.countOk() ? 2 : 0) + (c.gendersOk() ? 1 : 0) + c.clipScore() / 10;
    }

    /** Figures over every take: acceptance, people-count and gender agreement, mean CLIP, multi-character success. */
    public static Map<String, Double> metrics(List<SceneCheck> checks) {
        Map<String, Double> m = new LinkedHashMap<>();
        int n = checks.size(), multi = 0, multiOk = 0;
        double accepted = 0, count = 0, gender = 0, clip = 0;
        for (SceneCheck c : checks) {
            accepted += c.accepted() ? 1 : 0;
            count += c.countOk() ? 1 : 0;
            gender += c.gendersOk() ? 1 : 0;
            clip += c.clipScore();
            if (c.expectedPeople() >= 2) {
                multi++;
                multiOk += c.countOk() ? 1 : 0;
            }
        }
        m.put("pictures", (double) n);
        m.put("accepted", n == 0 ? 0 : accepted / n);
        m.put("peopleCountRight", n == 0 ? 0 : count / n);
        m.put("gendersRight", n == 0 ? 0 : gender / n);
        m.put("meanClipScore", n == 0 ? 0 : clip / n);
        m.put("multiCharacterSuccess", multi == 0 ? 0 : (double) multiOk / multi);
        return m;
    }
}

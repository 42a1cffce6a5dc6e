package lemon.analysis.gold;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.describe.CueCheck;
import lemon.port.StoryAnalyst;

/**
 * {@code lemon eval-cast}: an analyst's casts of the gold stories scored against the gold casts,
 * per story and pooled (the twelve tales, the four new stories, all), beside a saved baseline.
 */
public final class CastEvaluation {
    /** The pooled counts a row prints; also what a baseline file keeps per story. */
    public record Counts(
            int gold,
            int judged,
            int recalled,
            int correct,
            int aliasErrors,
            int genderKnown,
            int genderRight,
            int groupsKnown,
            int groupsRight) {
        static Counts of(CastScore s) {
            return new Counts(
                    s.gold(),
                    s.found() - s.minorFound(),
                    s.recalled(),
                    s.recalled(), // each recalled gold character has exactly one right found character
                    s.aliasErrors(),
                    s.genderKnown(),
                    s.genderRight(),
                    s.groupsKnown() + s.membersKnown(),
                    s.groupsRight() + s.membersRight());
        }

        Counts plus(Counts o) {
            return new Counts(
                    gold + o.gold,
                    judged + o.judged,
                    recalled + o.recalled,
                    correct + o.correct,
                    aliasErrors + o.aliasErrors,
                    genderKnown + o.genderKnown,
                    genderRight + o.genderRight,
                    groupsKnown + o.groupsKnown,
                    groupsRight + o.groupsRight);
        }

        double recall() {
            return gold == 0 ? 1 : (double) recalled / gold;
        }

        double precision() {
            return judged == 0 ? 1 : (double) correct / judged;
        }

        double genderAccuracy() {
            return genderKnown == 0 ? 1 : (double) genderRight / genderKnown;
        }
    }

    public static final String BASELINE_RESOURCE = "/lemon/analysis/gold/baseline.json";

    private CastEvaluation() {}

    /** Scores every gold story (its text read from {@code sharedData}, the folder holding tales/ and new-stories/). */
    public static List<CastScore> score(StoryAnalyst analyst, Path sharedData, int scenes) throws IOException {
        List<CastScore> scores = new ArrayList<>();
        for (String story : GoldCast.STORIES) {
            GoldCast gold = GoldCast.bundled(story);
            String text = Files.readString(sharedData.resolve(gold.source()), StandardCharsets.UTF_8);
            scores.add(CastScore.of(gold, analyst.analyze(text, scenes).characters()));
        }
        return scores;
    }

    /** What describe-characters writes for a found cast: character id → description. */
    @FunctionalInterface
    public interface Describer {
        Map<String, String> describe(String storyText, List<lemon.story.StoryCharacter> cast) throws IOException;
    }

    /** The gold cues of one story's recalled characters, checked against their descriptions. */
    public record CueScore(
            int judged,
            int kept,
            int contradicted,
            List<String> contradictions,
            List<String> missing,
            int described,
            int lookalikes) {}

    /**
     * How many of a story's descriptions repeat a face or hair clause word for word from one written before them:
     * two characters painted with one face are hard to tell apart, whatever their names.
     */
    static int lookalikes(java.util.Collection<String> descriptions) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        int repeats = 0;
        for (String d : descriptions) {
            List<String> looks = java.util.Arrays.stream(d.split(", "))
                    .map(String::strip)
                    .filter(x -> x.matches(".*\\b(face|hair)\\b.*"))
                    .toList();
            if (looks.stream().anyMatch(seen::contains)) repeats++;
            seen.addAll(looks);
        }
        return repeats;
    }

    /**
     * Each story's cues judged against the descriptions {@code describer} writes for the analyst's
     * cast; a cue counts only when its character was found (recall is the cast's own figure).
     */
    public static Map<String, CueScore> cues(StoryAnalyst analyst, Path sharedData, int scenes, Describer describer)
            throws IOException {
        Map<String, CueScore> out = new LinkedHashMap<>();
        for (String story : GoldCast.STORIES) {
            GoldCast gold = GoldCast.bundled(story);
            String text = Files.readString(sharedData.resolve(gold.source()), StandardCharsets.UTF_8);
            List<lemon.story.StoryCharacter> cast =
                    analyst.analyze(text, scenes).characters();
            CastScore score = CastScore.of(gold, cast);
            Map<String, String> descriptions = describer.describe(text, cast);
            int judged = 0, kept = 0, contradicted = 0;
            List<String> bad = new ArrayList<>(), missing = new ArrayList<>();
            for (GoldCast.Cue cue : gold.cues()) {
                String id = score.assigned().get(cue.character());
                if (id == null || !descriptions.containsKey(id)) continue;
                judged++;
                switch (CueCheck.check(cue.kind(), cue.value(), descriptions.get(id))) {
                    case KEPT -> kept++;
                    case CONTRADICTED -> {
                        contradicted++;
                        bad.add(cue.character() + ": " + cue.kind() + " '" + cue.value() + "'");
                    }
                    case MISSING -> missing.add(cue.character() + ": " + cue.kind() + " '" + cue.value() + "'");
                }
            }
            out.put(
                    story,
                    new CueScore(
                            judged,
                            kept,
                            contradicted,
                            bad,
                            missing,
                            descriptions.size(),
                            lookalikes(descriptions.values())));
        }
        return out;
    }

    /** Per story and pooled over the tales: cues kept and contradicted by the descriptions; then each cue left out. */
    public static void printCues(Map<String, CueScore> cues, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-28s %6s %6s %13s%n", "descriptions", "cues", "kept", "contradicted");
        int j = 0, k = 0, c = 0, tj = 0, tk = 0;
        for (Map.Entry<String, CueScore> e : cues.entrySet()) {
            CueScore s = e.getValue();
            if (GoldCast.bundled(e.getKey()).tale()) {
                tj += s.judged();
                tk += s.kept();
            }
            out.printf(
                    Locale.ROOT,
                    "%-28s %6d %5.0f%% %13d%n",
                    e.getKey(),
                    s.judged(),
                    s.judged() == 0 ? 100.0 : 100.0 * s.kept() / s.judged(),
                    s.contradicted());
            j += s.judged();
            k += s.kept();
            c += s.contradicted();
        }
        out.printf(Locale.ROOT, "%-28s %6d %5.0f%% %13d%n", "all sixteen", j, j == 0 ? 100.0 : 100.0 * k / j, c);
        out.printf(
                Locale.ROOT,
                "cues kept: the twelve tales %d/%d = %.1f%%, all sixteen %d/%d = %.1f%%%n",
                tk,
                tj,
                tj == 0 ? 100.0 : 100.0 * tk / tj,
                k,
                j,
                j == 0 ? 100.0 : 100.0 * k / j);
        int described = cues.values().stream().mapToInt(CueScore::described).sum();
        int alike = cues.values().stream().mapToInt(CueScore::lookalikes).sum();
        out.printf(
                Locale.ROOT,
                "lookalikes: %d of %d descriptions repeat a face or hair of someone earlier in their story%n",
                alike,
                described);
        for (Map.Entry<String, CueScore> e : cues.entrySet())
            if (!e.getValue().contradictions().isEmpty())
                out.println("  " + e.getKey() + " contradicts: "
                        + String.join("; ", e.getValue().contradictions()));
        for (Map.Entry<String, CueScore> e : cues.entrySet())
            if (!e.getValue().missing().isEmpty())
                out.println("  " + e.getKey() + " leaves out: "
                        + String.join("; ", e.getValue().missing()));
    }

    /** The committed baseline: per story, the counts of the analyst as it was when the gold casts were written. */
    public static Map<String, Counts> bundledBaseline() {
        try (InputStream in = CastEvaluation.class.getResourceAsStream(BASELINE_RESOURCE)) {
            if (in == null) return Map.of();
            return readBaseline(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Counts> readBaseline(byte[] json) throws IOException {
        ObjectMapper m = new ObjectMapper();
        return m.readValue(json, m.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Counts.class));
    }

    public static void writeBaseline(List<CastScore> scores, Path file) throws IOException {
        Map<String, Counts> out = new LinkedHashMap<>();
        for (CastScore s : scores) out.put(s.story(), Counts.of(s));
        Files.writeString(
                file,
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out) + "\n");
    }

    /** The table (per story, then pooled), each figure beside the baseline's, then what went wrong per story. */
    public static void print(List<CastScore> scores, Map<String, Counts> baseline, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%-28s %5s %6s  %-13s %-13s %-9s %-13s %s%n",
                "story",
                "gold",
                "found",
                "recall",
                "precision",
                "alias err",
                "gender",
                "groups");
        Counts tales = zero(), fresh = zero(), talesThen = zero(), freshThen = zero();
        boolean complete = true;
        for (CastScore s : scores) {
            Counts now = Counts.of(s), then = baseline.get(s.story());
            row(out, s.story(), now, then);
            boolean tale = GoldCast.bundled(s.story()).tale();
            if (tale) tales = tales.plus(now);
            else fresh = fresh.plus(now);
            if (then == null) complete = false;
            else if (tale) talesThen = talesThen.plus(then);
            else freshThen = freshThen.plus(then);
        }
        out.println();
        row(out, "the twelve tales", tales, complete ? talesThen : null);
        row(out, "the four new stories", fresh, complete ? freshThen : null);
        row(out, "all sixteen", tales.plus(fresh), complete ? talesThen.plus(freshThen) : null);
        out.println(baseline.isEmpty() ? "" : "(in brackets: the baseline, " + BASELINE_RESOURCE + ")");
        // the bars are whole percentages: a rounded 90% may be 89.5%
        for (var pooled : List.of(Map.entry("the twelve tales", tales), Map.entry("all sixteen", tales.plus(fresh)))) {
            Counts c = pooled.getValue();
            out.printf(
                    Locale.ROOT,
                    "%s: recall %d/%d = %.1f%%, precision %d/%d = %.1f%%, gender %d/%d = %.1f%%%n",
                    pooled.getKey(),
                    c.recalled(),
                    c.gold(),
                    100 * c.recall(),
                    c.correct(),
                    c.judged(),
                    100 * c.precision(),
                    c.genderRight(),
                    c.genderKnown(),
                    100 * c.genderAccuracy());
        }
        for (CastScore s : scores) {
            List<String> lines = new ArrayList<>();
            if (!s.missed().isEmpty()) lines.add("missed: " + String.join("; ", s.missed()));
            if (!s.spurious().isEmpty()) lines.add("not characters: " + String.join("; ", s.spurious()));
            if (!s.splits().isEmpty()) lines.add("split: " + String.join("; ", s.splits()));
            if (!s.merges().isEmpty()) lines.add("merged: " + String.join("; ", s.merges()));
            if (!s.genderWrong().isEmpty()) lines.add("gender: " + String.join("; ", s.genderWrong()));
            if (!s.groupWrong().isEmpty()) lines.add("groups: " + String.join("; ", s.groupWrong()));
            if (lines.isEmpty()) continue;
            out.println();
            out.println(s.story());
            for (String l : lines) out.println("  " + l);
        }
    }

    private static Counts zero() {
        return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static void row(PrintStream out, String label, Counts now, Counts then) {
        out.printf(
                Locale.ROOT,
                "%-28s %5d %6d  %-13s %-13s %-9s %-13s %s%n",
                label,
                now.gold(),
                now.judged(),
                pct(now.recall(), then == null ? null : then.recall()),
                pct(now.precision(), then == null ? null : then.precision()),
                now.aliasErrors() + (then == null ? "" : " (" + then.aliasErrors() + ")"),
                pct(now.genderAccuracy(), then == null ? null : then.genderAccuracy()),
                now.groupsRight() + "/" + now.groupsKnown()
                        + (then == null || then.groupsKnown() == 0
                                ? ""
                                : " (" + then.groupsRight() + "/" + then.groupsKnown() + ")"));
    }

    private static String pct(double now, Double then) {
        String s = String.format(Locale.ROOT, "%3.0f%%", 100 * now);
        return then == null ? s : s + String.format(Locale.ROOT, " (%2.0f%%)", 100 * then);
    }
}

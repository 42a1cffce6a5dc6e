package lemon.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import lemon.story.CastCorrections;

/**
 * Options fixed when a run is created; later stages and resumes read them from the manifest so a
 * resumed run computes exactly what the first attempt would have.
 *
 * @param seedsPerScene S, images painted per scene prompt (the validator picks among them)
 * @param iterations    the refine loop's cap: personalise → visualise → validate → refine at most this
 *                      often; 0 stops after the initial portraits (as runs did before the loop existed,
 *                      whose manifests read as 0)
 * @param style         words appended to every scene prompt ("" for none)
 * @param cast          the user's corrections to the analysed cast ({@code --cast cast.json}), applied
 *                      right after analysis; {@link CastCorrections#NONE} for none
 * @param seed          mixed into every seed the run draws (portraits, personalisation, scene pictures):
 *                      another seed paints and trains anew from other noise; 0, the default, is every run's
 *                      seed before the option existed (and is left out of the manifest)
 */
public record RunOptions(
        int scenes,
        int topK,
        int portraits,
        int seedsPerScene,
        int iterations,
        String style,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = CastCorrections.Absent.class)
        CastCorrections cast,
        /** The most this run may cost at the price table's prices (USD); null for no cap. */
        @JsonInclude(JsonInclude.Include.NON_NULL) Double budget,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long seed) {
    public static final int DEFAULT_SCENES = 30;
    public static final int DEFAULT_TOP_K = 3;
    /** O, portraits per character; the paper uses 5. */
    public static final int DEFAULT_PORTRAITS = 5;
    /** Two pictures per scene: enough for the validator to have a choice, half the painting of three. */
    public static final int DEFAULT_SEEDS_PER_SCENE = 2;
    /** The cap; the loop usually stops earlier, when refinement drops no portrait. */
    public static final int DEFAULT_ITERATIONS = 3;

    public RunOptions {
        // manifests written before these options existed read as 0 / null
        if (portraits == 0) portraits = DEFAULT_PORTRAITS;
        if (seedsPerScene == 0) seedsPerScene = DEFAULT_SEEDS_PER_SCENE;
        style = style == null ? "" : style.strip();
        cast = cast == null ? CastCorrections.NONE : cast;
        if (portraits < 1 || portraits > 20) {
            throw new IllegalArgumentException("portraits per character must be between 1 and 20, got " + portraits);
        }
        if (scenes < 1 || scenes > 200) {
            throw new IllegalArgumentException("scenes must be between 1 and 200, got " + scenes);
        }
        if (topK < 1 || topK > 20) {
            throw new IllegalArgumentException("top-K must be between 1 and 20, got " + topK);
        }
        if (seedsPerScene < 1 || seedsPerScene > 8) {
            throw new IllegalArgumentException("seeds per scene must be between 1 and 8, got " + seedsPerScene);
        }
        if (iterations < 0 || iterations > 10) {
            throw new IllegalArgumentException(
                    "refinement iterations must be between 0 (no personalisation) and 10, got " + iterations);
        }
        if (budget != null && !(budget > 0)) {
            throw new IllegalArgumentException("a budget must be more than 0 (USD), got " + budget);
        }
        if (style.length() > 200 || style.contains("\n")) {
            throw new IllegalArgumentException("the style suffix must be one line of at most 200 characters");
        }
    }

    public RunOptions(
            int scenes,
            int topK,
            int portraits,
            int seedsPerScene,
            int iterations,
            String style,
            CastCorrections cast) {
        this(scenes, topK, portraits, seedsPerScene, iterations, style, cast, null);
    }

    public RunOptions(
            int scenes,
            int topK,
            int portraits,
            int seedsPerScene,
            int iterations,
            String style,
            CastCorrections cast,
            Double budget) {
        this(scenes, topK, portraits, seedsPerScene, iterations, style, cast, budget, 0);
    }

    /** These options with a cost cap (null: none). */
    public RunOptions withBudget(Double usd) {
        return new RunOptions(scenes, topK, portraits, seedsPerScene, iterations, style, cast, usd, seed);
    }

    /** These options with another run seed. */
    public RunOptions withSeed(long s) {
        return new RunOptions(scenes, topK, portraits, seedsPerScene, iterations, style, cast, budget, s);
    }

    /** A stage's own seed with this run's seed mixed in: itself at the default seed 0. */
    public long seeded(long stageSeed) {
        return stageSeed + seed * 1_000_000_007L;
    }

    public RunOptions(int scenes, int topK, int portraits, int seedsPerScene, int iterations, String style) {
        this(scenes, topK, portraits, seedsPerScene, iterations, style, CastCorrections.NONE);
    }

    /** Up to the initial portraits, without the personalise → refine loop. */
    public RunOptions(int scenes, int topK, int portraits) {
        this(scenes, topK, portraits, DEFAULT_SEEDS_PER_SCENE, 0, "");
    }

    /** Everything on its default, the refine loop included. */
    public static RunOptions defaults() {
        return new RunOptions(
                DEFAULT_SCENES, DEFAULT_TOP_K, DEFAULT_PORTRAITS, DEFAULT_SEEDS_PER_SCENE, DEFAULT_ITERATIONS, "");
    }

    /** Whether the run goes on past the portraits into personalisation and the storyboard. */
    public boolean personalises() {
        return iterations > 0;
    }
}

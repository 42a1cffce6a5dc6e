package lemon.config;

import java.time.Duration;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.LlmSettings;
import lemon.port.Personalizer;
import lemon.stage.personalize.PersonalizeStage;
import lemon.vision.VisionSettings;

/** Everything that decides how a pipeline is wired; from config, possibly overridden by the CLI. */
public record PipelineSettings(
        String store,
        LlmSettings llm,
        long maxBytes,
        int minWords,
        String cdDatabase,
        String imageModel,
        int imageSteps,
        Loop loop,
        Cost cost,
        Guidance guidance) {
    public static final String DEFAULT_IMAGE_MODEL = "mini";
    /** The bundled model's DDIM steps (PortraitPipeline.DEFAULT_STEPS, which a functions test keeps equal). */
    public static final int DEFAULT_IMAGE_STEPS = 20;

    /**
     * The personalise → refine loop's engines' settings.
     *
     * @param personalizeSteps optimiser steps of a fresh personalisation (later iterations continue with a quarter)
     * @param clipThreshold    CLIP-mini text–image score a scene picture must reach to be accepted
     * @param dropMargin       how far below its character's median group similarity a portrait is dropped
     * @param validator        the people/gender validator: the bundled one, or a vision LLM
     * @param tokens           what each character's token stands beside in prompts
     * @param sceneMapper      whether scenes are painted with the tokens' mappers
     * @param scenePairsTrainMapper whether the refine loop's scene pairs train the mapper too (or only the
     *                         tokens and graph network)
     * @param graphRounds      L, rounds of the graph network (Eq. 2); 0 passes the tokens through unchanged
     * @param lambda           λ, the ranking loss's weight (Eq. 4); 0 trains on L_rec alone
     * @param mapper           whether tokens have NeTI mappers (false: Textual Inversion's one vector per token)
     * @param pushFloor        m, the floor under L_ct's push apart of different characters (−1: none, the paper's)
     * @param tokenPull        β, the weight of each token's pull towards its class word (0: none, the paper's)
     */
    public record Loop(
            int personalizeSteps,
            double clipThreshold,
            double dropMargin,
            VisionSettings validator,
            PersonalizeStage.Tokens tokens,
            boolean sceneMapper,
            boolean scenePairsTrainMapper,
            int describedScenePairs,
            Personalizer.Anchor anchor,
            int graphRounds,
            double lambda,
            boolean mapper,
            double pushFloor,
            double tokenPull) {
        /**
         * L = 2 rounds as PersonalizationTrainer.Settings.DEFAULT explains; λ = 0.03, the trainer's, with L_ct's push
         * apart floored at 0: unfloored, the push cost the loop's scenes likeness and people counts, and floored it
         * gave the most people counts right on the twelve tales (README, {@code lemon.loop.lambda} and
         * {@code lemon.loop.push-floor}); each token pulled towards its class word with β = 0.01: unpulled, tokens
         * ended far from every word and cost the scenes likeness (README, {@code lemon.loop.token-pull}).
         */
        public static final Loop DEFAULT = new Loop(
                50,
                0.0,
                0.05,
                VisionSettings.MINI,
                PersonalizeStage.Tokens.DESCRIBED,
                false,
                false,
                2,
                Personalizer.Anchor.DESCRIPTION,
                2,
                0.03,
                true,
                0,
                0.01);

        /**
         * The paper's loop: tokens alone, mappers everywhere, no base-model pairs, no token pull (tests that pin its
         * structure).
         */
        public Loop(int personalizeSteps, double clipThreshold, double dropMargin, VisionSettings validator) {
            this(
                    personalizeSteps,
                    clipThreshold,
                    dropMargin,
                    validator,
                    PersonalizeStage.Tokens.ALONE,
                    true,
                    true,
                    0,
                    Personalizer.Anchor.WORLD,
                    DEFAULT.graphRounds,
                    DEFAULT.lambda,
                    DEFAULT.mapper,
                    DEFAULT.pushFloor,
                    0);
        }

        /** The same loop with another graph, ranking loss or mapper (the evaluation's baselines and ablations). */
        public Loop with(int graphRounds, double lambda, boolean mapper) {
            return copy(
                    personalizeSteps,
                    sceneMapper && mapper,
                    describedScenePairs,
                    graphRounds,
                    lambda,
                    mapper,
                    pushFloor,
                    tokenPull);
        }

        /** The same loop painting scenes with the tokens' mappers or without them. */
        public Loop withSceneMapper(boolean paint) {
            return copy(
                    personalizeSteps,
                    paint && mapper,
                    describedScenePairs,
                    graphRounds,
                    lambda,
                    mapper,
                    pushFloor,
                    tokenPull);
        }

        /** The same loop training {@code n} steps per fresh personalisation. */
        public Loop withPersonalizeSteps(int n) {
            return copy(n, sceneMapper, describedScenePairs, graphRounds, lambda, mapper, pushFloor, tokenPull);
        }

        /** The same loop with {@code n} base-model pictures per scene in the first pass (0: none, as the paper). */
        public Loop withDescribedScenePairs(int n) {
            return copy(personalizeSteps, sceneMapper, n, graphRounds, lambda, mapper, pushFloor, tokenPull);
        }

        /** This loop with the fields the withers change set anew, the others kept. */
        private Loop copy(
                int personalizeSteps,
                boolean sceneMapper,
                int describedScenePairs,
                int graphRounds,
                double lambda,
                boolean mapper,
                double pushFloor,
                double tokenPull) {
            return new Loop(
                    personalizeSteps,
                    clipThreshold,
                    dropMargin,
                    validator,
                    tokens,
                    sceneMapper,
                    scenePairsTrainMapper,
                    describedScenePairs,
                    anchor,
                    graphRounds,
                    lambda,
                    mapper,
                    pushFloor,
                    tokenPull);
        }

        /** The same loop pulling each token towards its class word with weight {@code beta} (0: no pull). */
        public Loop withTokenPull(double beta) {
            return copy(
                    personalizeSteps, sceneMapper, describedScenePairs, graphRounds, lambda, mapper, pushFloor, beta);
        }

        /** The same loop with L_ct's push apart floored at {@code m} (−1: no floor, the paper's). */
        public Loop withPushFloor(double m) {
            return copy(personalizeSteps, sceneMapper, describedScenePairs, graphRounds, lambda, mapper, m, tokenPull);
        }

        public Loop {
            if (personalizeSteps < 1)
                throw new IllegalArgumentException("lemon.loop.personalize-steps must be ≥ 1, got " + personalizeSteps);
            if (!(clipThreshold >= -1 && clipThreshold <= 1))
                throw new IllegalArgumentException(
                        "lemon.loop.clip-threshold must be in [−1, 1], got " + clipThreshold);
            if (!(dropMargin >= 0))
                throw new IllegalArgumentException("lemon.loop.drop-margin must be ≥ 0, got " + dropMargin);
            if (describedScenePairs < 0 || describedScenePairs > 8)
                throw new IllegalArgumentException(
                        "lemon.loop.described-scene-pairs must be 0..8, got " + describedScenePairs);
            if (graphRounds < 0 || graphRounds > 8)
                throw new IllegalArgumentException("lemon.loop.graph-rounds must be 0..8, got " + graphRounds);
            if (!(lambda >= 0 && lambda <= 10))
                throw new IllegalArgumentException("lemon.loop.lambda must be in [0, 10], got " + lambda);
            if (!(pushFloor >= -1 && pushFloor <= 1))
                throw new IllegalArgumentException("lemon.loop.push-floor must be in [−1, 1], got " + pushFloor);
            if (!(tokenPull >= 0 && tokenPull <= 100))
                throw new IllegalArgumentException("lemon.loop.token-pull must be in [0, 100], got " + tokenPull);
        }
    }

    /**
     * How describe-characters is guided by the C.D. database (§4.1): by the examples the trained matcher
     * retrieves (the paper), by K examples drawn at random per character ({@code RANDOM}, the \Rank
     * ablation), or by none ({@code examples} false, the \ICL ablation: the describer reads the story alone).
     */
    public record Guidance(boolean examples, Retrieval retrieval) {
        public static final Guidance DEFAULT = new Guidance(true, Retrieval.TRAINED);

        public enum Retrieval {
            TRAINED,
            RANDOM;

            public static Retrieval parse(String s) {
                try {
                    return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "lemon.guidance.retrieval must be trained or random, got '" + s + "'");
                }
            }
        }

        public Guidance {
            if (retrieval == null) throw new IllegalArgumentException("a retrieval is needed (trained or random)");
        }
    }

    /**
     * What runs are priced at and capped by.
     *
     * @param prices           a price table file (JSON, as the bundled {@code lemon/cost/prices.json}); null:
     *                         the bundled table
     * @param tenantMonthlyCap USD each tenant's runs started in a calendar month (UTC) may cost, checked
     *                         before every stage; the runs without a tenant (the local CLI's) are capped
     *                         alike; null: no cap
     */
    public record Cost(String prices, Double tenantMonthlyCap) {
        public static final Cost DEFAULT = new Cost(null, null);

        public lemon.cost.PriceTable priceTable() {
            return prices == null
                    ? lemon.cost.PriceTable.bundled()
                    : lemon.cost.PriceTable.load(java.nio.file.Path.of(prices));
        }
    }

    public PipelineSettings {
        cost = cost == null ? Cost.DEFAULT : cost; // settings made before runs had prices or caps
        guidance = guidance == null ? Guidance.DEFAULT : guidance;
    }

    /** With the paper's guidance: retrieved examples from the trained matcher. */
    public PipelineSettings(
            String store,
            LlmSettings llm,
            long maxBytes,
            int minWords,
            String cdDatabase,
            String imageModel,
            int imageSteps,
            Loop loop,
            Cost cost) {
        this(store, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps, loop, cost, Guidance.DEFAULT);
    }

    /** With the bundled image model at its default steps, the bundled prices and no monthly cap. */
    public PipelineSettings(String store, LlmSettings llm, long maxBytes, int minWords, String cdDatabase) {
        this(
                store,
                llm,
                maxBytes,
                minWords,
                cdDatabase,
                DEFAULT_IMAGE_MODEL,
                DEFAULT_IMAGE_STEPS,
                Loop.DEFAULT,
                Cost.DEFAULT);
    }

    public static PipelineSettings from(LemonConfig c) {
        LemonConfig.Llm l = c.llm();
        return new PipelineSettings(
                c.store(),
                new LlmSettings(
                        l.provider(),
                        l.baseUrl().orElse(null),
                        l.model().orElse(null),
                        l.apiKeyEnv(),
                        l.region(),
                        l.ggufPath().orElse(null),
                        l.timeout(),
                        l.maxAttempts(),
                        new LlmRetryPolicy(
                                l.retries(),
                                l.backoff(),
                                max(l.backoff(), LlmRetryPolicy.DEFAULT.maxBackoff()),
                                l.stageDeadline()),
                        l.sagemakerFormat()),
                c.ingest().maxBytes(),
                c.ingest().minWords(),
                c.cd().database().orElse(null),
                c.images().model(),
                c.images().steps(),
                new Loop(
                        c.loop().personalizeSteps(),
                        c.loop().clipThreshold(),
                        c.loop().dropMargin(),
                        VisionSettings.from(c.validator()),
                        PersonalizeStage.Tokens.parse(c.loop().tokens()),
                        c.loop().sceneMapper(),
                        c.loop().scenePairsTrainMapper(),
                        c.loop().describedScenePairs(),
                        Personalizer.Anchor.parse(c.loop().anchor()),
                        c.loop().graphRounds(),
                        c.loop().lambda(),
                        c.loop().mapper(),
                        c.loop().pushFloor(),
                        c.loop().tokenPull()),
                new Cost(
                        c.cost().prices().orElse(null),
                        c.cost().tenantMonthlyCap().orElse(null)),
                new Guidance(
                        c.guidance().examples(),
                        Guidance.Retrieval.parse(c.guidance().retrieval())));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public PipelineSettings withStore(String s) {
        return new PipelineSettings(
                s, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps, loop, cost, guidance);
    }

    public PipelineSettings withLlm(LlmSettings l) {
        return new PipelineSettings(
                store, l, maxBytes, minWords, cdDatabase, imageModel, imageSteps, loop, cost, guidance);
    }

    public PipelineSettings withImageSteps(int steps) {
        return new PipelineSettings(
                store, llm, maxBytes, minWords, cdDatabase, imageModel, steps, loop, cost, guidance);
    }

    public PipelineSettings withLoop(Loop l) {
        return new PipelineSettings(
                store, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps, l, cost, guidance);
    }

    public PipelineSettings withCdDatabase(String path) {
        return new PipelineSettings(store, llm, maxBytes, minWords, path, imageModel, imageSteps, loop, cost, guidance);
    }

    public PipelineSettings withGuidance(Guidance g) {
        return new PipelineSettings(store, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps, loop, cost, g);
    }

    public PipelineSettings withCost(Cost c) {
        return new PipelineSettings(
                store, llm, maxBytes, minWords, cdDatabase, imageModel, imageSteps, loop, c, guidance);
    }

    /**
     * The pipeline of these settings around {@code catalogue}: the store, the ingest limits, the
     * system clock, the LLM recorded in its runs, the prices its runs' cost is reckoned in and the
     * tenants' monthly cap. The CLI and the Lambda functions differ only in the catalogue they hand in.
     */
    public lemon.pipeline.Pipeline pipeline(lemon.stage.StageCatalogue catalogue) {
        return new lemon.pipeline.Pipeline(
                        new lemon.run.RunStore(lemon.storage.BlobStores.fromUri(store)),
                        new lemon.ingest.StoryIngest(maxBytes, minWords),
                        catalogue,
                        java.time.Clock.systemUTC(),
                        lemon.llm.RunLlm.of(llm),
                        cost.priceTable())
                .withTenantMonthlyCap(cost.tenantMonthlyCap());
    }
}

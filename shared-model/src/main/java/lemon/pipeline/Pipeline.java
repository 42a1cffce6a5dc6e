package lemon.pipeline;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.cost.MonthlySpend;
import lemon.cost.OverBudget;
import lemon.cost.PriceTable;
import lemon.cost.RunCost;
import lemon.ingest.StoryIngest;
import lemon.port.CharacterDescriber;
import lemon.port.CharacterRetriever;
import lemon.port.CompatibilityValidator;
import lemon.port.ImageGenerator;
import lemon.port.ImageTextScorer;
import lemon.port.Personalizer;
import lemon.port.StoryAnalyst;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.ElsewhereStage;
import lemon.stage.Placement;
import lemon.stage.Stage;
import lemon.stage.StageCatalogue;
import lemon.stage.StageLedger;
import lemon.stage.StageResult;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.ingest.IngestStage;
import lemon.stage.match.MatchStage;
import lemon.stage.personalize.DescribedScenePairs;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.publish.PublishStage;
import lemon.stage.refine.RefineStage;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.VisualizeStage;

/**
 * LeMon as plain Java: the stage catalogue over one store. Ingest creates a run; every other stage
 * runs through the ledger, which makes it idempotent on (run, stage, iteration), so retries and
 * {@code lemon resume} are cheap and give the same outputs.
 */
public final class Pipeline {
    private final PriceTable prices;
    private final StageLedger ledger;
    private final IngestStage ingest;
    private final StageCatalogue catalogue;
    // what a tenant's pipeline is made of: the same, over the tenant's folder of the store
    private final RunStore runs;
    private final StoryIngest storyIngest;
    private final Clock clock;
    private final RunManifest.Llm llm;
    private final String tenant; // null for the store's own pipeline
    private final Double tenantMonthlyCap; // USD a tenant's runs may cost per calendar month; null: no cap
    private final java.util.Map<String, Pipeline> tenants = new java.util.concurrent.ConcurrentHashMap<>();

    public Pipeline(RunStore runs, StoryIngest ingest, StageCatalogue catalogue, Clock clock) {
        this(runs, ingest, catalogue, clock, null);
    }

    /** @param llm the LLM its analyst and describer use, recorded in every run it creates (null: not said) */
    public Pipeline(RunStore runs, StoryIngest ingest, StageCatalogue catalogue, Clock clock, RunManifest.Llm llm) {
        this(runs, ingest, catalogue, clock, llm, PriceTable.bundled());
    }

    /** @param prices what the run's cost (and so its budget, when it has one) is reckoned in */
    public Pipeline(
            RunStore runs,
            StoryIngest ingest,
            StageCatalogue catalogue,
            Clock clock,
            RunManifest.Llm llm,
            PriceTable prices) {
        this(runs, ingest, catalogue, clock, llm, prices, null, null);
    }

    private Pipeline(
            RunStore runs,
            StoryIngest ingest,
            StageCatalogue catalogue,
            Clock clock,
            RunManifest.Llm llm,
            PriceTable prices,
            String tenant,
            Double tenantMonthlyCap) {
        if (tenantMonthlyCap != null && !(tenantMonthlyCap >= 0 && Double.isFinite(tenantMonthlyCap))) {
            throw new IllegalArgumentException(
                    "lemon.cost.tenant-monthly-cap must be a number of USD ≥ 0, got " + tenantMonthlyCap);
        }
        this.prices = prices;
        this.catalogue = catalogue;
        this.ledger = new StageLedger(runs, clock, this::checkBudget);
        this.ingest = new IngestStage(runs, ingest, clock, llm);
        this.runs = runs;
        this.storyIngest = ingest;
        this.clock = clock;
        this.llm = llm;
        this.tenant = tenant;
        this.tenantMonthlyCap = tenantMonthlyCap;
    }

    /**
     * The same pipeline with a cap on what each tenant's runs may cost per calendar month (UTC), checked
     * before every stage beside the run's own budget; the runs without a tenant (the local CLI's) are
     * capped alike. Null: no cap.
     */
    public Pipeline withTenantMonthlyCap(Double usd) {
        return new Pipeline(runs, storyIngest, catalogue, clock, llm, prices, tenant, usd);
    }

    /**
     * The pipeline of one tenant: the same stages over the store's {@code tenants/<tenant>/} folder,
     * which holds that tenant's uploads and runs and nothing else; blank is the store itself.
     */
    public Pipeline forTenant(String t) {
        if (t == null || t.isBlank() || t.equals(tenant)) return this;
        if (tenant != null) {
            throw new IllegalArgumentException("tenant " + tenant + "'s pipeline cannot run tenant " + t + "'s runs");
        }
        String id = lemon.upload.UploadSlot.checkTenant(t);
        return tenants.computeIfAbsent(
                id,
                k -> new Pipeline(runs.forTenant(k), storyIngest, catalogue, clock, llm, prices, k, tenantMonthlyCap));
    }

    /** What the run has cost so far at this pipeline's prices. */
    public RunCost cost(String runId) {
        return cost(runs().manifest(runId));
    }

    /** The same for a manifest already read. */
    public RunCost cost(RunManifest m) {
        return RunCost.of(m, this::placementOf, prices);
    }

    private Placement placementOf(String stage) {
        return catalogue.find(stage).map(s -> s.spec().placement()).orElse(Placement.LAMBDA);
    }

    /** Before a stage starts: the run's own budget, then its tenant's monthly cap. */
    private void checkBudget(RunManifest m, Stage next, RunStore metered) {
        checkRunBudget(m, next);
        checkTenantMonthlyCap(m, next, metered);
    }

    /**
     * A tenant whose runs started this calendar month (UTC, by the pipeline's clock) have cost its
     * monthly cap starts no stage of any run this month; what the runs made stays, and a run refused so
     * goes on with {@code lemon resume} once the cap is raised or the month is over (a run counts to
     * the month it started in). Read through the stage call's metered store: the listing and the
     * manifest reads are that stage's S3 requests.
     */
    private void checkTenantMonthlyCap(RunManifest m, Stage next, RunStore metered) {
        if (tenantMonthlyCap == null) {
            return;
        }
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        MonthlySpend spent = MonthlySpend.of(metered, month, run -> RunCost.of(run, this::placementOf, prices));
        if (spent.total() >= tenantMonthlyCap) {
            throw new OverBudget(String.format(
                    java.util.Locale.ROOT,
                    "%s spent $%.4f of the $%s monthly cap (lemon.cost.tenant-monthly-cap) in %s UTC, over %d"
                            + " run(s) started this month, at %s prices of %s; so %s of run %s did not start."
                            + " The run's outputs so far are kept: lemon resume goes on from here once the cap"
                            + " is raised or next month",
                    tenant == null ? "the runs without a tenant have" : "tenant " + tenant + " has",
                    spent.total(),
                    java.math.BigDecimal.valueOf(tenantMonthlyCap).toPlainString(),
                    month,
                    spent.runs(),
                    prices.region(),
                    prices.date(),
                    next.name(),
                    m.runId()));
        }
    }

    /** A run with a budget starts no stage once what it has cost reaches it; what it made stays. */
    private void checkRunBudget(RunManifest m, Stage next) {
        Double budget = m.options().budget();
        if (budget == null) {
            return;
        }
        RunCost spent = RunCost.of(m, this::placementOf, prices);
        if (spent.total() >= budget) {
            throw new OverBudget(String.format(
                    java.util.Locale.ROOT,
                    "run %s has cost $%.4f of its $%s budget (%s prices of %s), so %s did not start; its"
                            + " outputs so far are kept (a resume with a larger --budget goes on from here)",
                    m.runId(),
                    spent.total(),
                    java.math.BigDecimal.valueOf(budget).toPlainString(),
                    prices.region(),
                    prices.date(),
                    next.name()));
        }
    }

    /** The engines of the personalise → visualise → validate → refine loop. */
    public record LoopEngines(
            Personalizer personalizer,
            CompatibilityValidator validator,
            ImageTextScorer scorer,
            double clipThreshold,
            double dropMargin,
            PersonalizeStage.Tokens tokens,
            boolean sceneMapper,
            DescribedScenePairs.Prompter describedPrompter,
            int describedTakes) {
        /** The paper's loop: tokens alone, scenes with their mappers, no base-model scene pairs. */
        public LoopEngines(
                Personalizer personalizer,
                CompatibilityValidator validator,
                ImageTextScorer scorer,
                double clipThreshold,
                double dropMargin) {
            this(
                    personalizer,
                    validator,
                    scorer,
                    clipThreshold,
                    dropMargin,
                    PersonalizeStage.Tokens.ALONE,
                    true,
                    null,
                    0);
        }
    }

    /** Every stage of the paper, in workflow order after ingest. */
    public static StageCatalogue standard(
            StoryAnalyst analyst,
            CharacterRetriever retriever,
            CharacterDescriber describer,
            ImageGenerator painter,
            LoopEngines loop) {
        return new StageCatalogue(List.<Stage>of(
                new AnalyzeStage(analyst),
                new MatchStage(retriever),
                new DescribeStage(describer, retriever),
                new PortraitsStage(painter),
                new PersonalizeStage(
                        loop.personalizer(),
                        loop.tokens(),
                        loop.describedTakes() > 0 && loop.describedPrompter() != null
                                ? new DescribedScenePairs(
                                        painter, loop.validator(), loop.describedPrompter(), loop.describedTakes())
                                : null),
                new VisualizeStage(painter, loop.sceneMapper()),
                new ValidateStage(loop.validator(), loop.scorer(), loop.clipThreshold()),
                new RefineStage(loop.scorer(), painter, loop.dropMargin()),
                new PublishStage()));
    }

    /**
     * The catalogue of a function without tensor engines (a Lambda): the stages placed there run, the
     * engine stages hold their places and refuse ({@link ElsewhereStage}). Describe needs only the C.D.
     * pairs that match-characters chose, so it gets them from the database instead of a retriever.
     */
    public static StageCatalogue light(StoryAnalyst analyst, CharacterDescriber describer, CdDatabase database) {
        CharacterRetriever pairs = new CharacterRetriever() {
            @Override
            public List<lemon.story.CharacterMatch> match(Map<String, List<String>> contexts, int k) {
                throw new IllegalStateException("matching runs in the engine container");
            }

            @Override
            public lemon.story.CdPair pair(String cdId) {
                return database.byId(cdId);
            }

            @Override
            public String name() {
                return "cd-pairs:" + database.checksum();
            }
        };
        return new StageCatalogue(List.<Stage>of(
                new AnalyzeStage(analyst),
                new ElsewhereStage(MatchStage.SPEC),
                new DescribeStage(describer, pairs),
                new ElsewhereStage(PortraitsStage.SPEC),
                new ElsewhereStage(PersonalizeStage.SPEC),
                new ElsewhereStage(VisualizeStage.SPEC),
                new ElsewhereStage(ValidateStage.SPEC),
                new ElsewhereStage(RefineStage.SPEC),
                new PublishStage()));
    }

    public RunStore runs() {
        return ledger.runs();
    }

    public StageCatalogue catalogue() {
        return catalogue;
    }

    /** The stages of the refine loop, which a run with {@code --iterations 0} skips. */
    public static final List<String> LOOP_STAGES =
            List.of(PersonalizeStage.NAME, VisualizeStage.NAME, ValidateStage.NAME, RefineStage.NAME);

    /** Creates the run; its manifest lists the stages it will run (the loop's only when it personalises). */
    public StageResult ingest(String runId, String uploadKey, RunOptions options) {
        List<String> stages = catalogue.names().stream()
                .filter(s -> options.personalises() || !LOOP_STAGES.contains(s))
                .toList();
        return ingest.ingest(runId, uploadKey, options, stages);
    }

    /**
     * One of the workflow's functions on the input a Task state hands it: ingest creates the run, the
     * failure handler records the caught error, every other name is a stage of the catalogue.
     */
    public StageResult call(String function, lemon.stage.StageInput in) {
        String t = in.tenant() == null || in.tenant().isBlank() ? tenant : in.tenant();
        if (t != null && !t.equals(tenant)) return forTenant(t).call(function, in);
        StageResult r = callHere(function, in);
        return t == null ? r : r.withTenant(t);
    }

    private StageResult callHere(String function, lemon.stage.StageInput in) {
        if (function.equals(IngestStage.NAME)) {
            StageResult r = ingest(in.runId(), in.uploadKey(), in.options());
            // a tenant's uploader (the deployment's) has only its upload's folder to learn why: keep it there
            if (tenant != null
                    && "rejected".equals(r.status())
                    && in.uploadKey() != null
                    && !in.uploadKey().isBlank())
                recordBesideUpload(in.uploadKey(), "Lemon.InputRejected", r.message());
            return r;
        }
        if (function.equals(StageCatalogue.NEXT_PASS)) {
            return nextPass(in.requireRunId(), in.iteration());
        }
        if (function.equals(StageCatalogue.RECORD_FAILURE)) {
            lemon.stage.StageInput.Failure f =
                    in.failure() == null ? new lemon.stage.StageInput.Failure("Unknown", "") : in.failure();
            return recordFailure(in.runId(), in.uploadKey(), f.error(), f.cause(), in.iteration());
        }
        return run(function, in.requireRunId(), in.iterationOrZero());
    }

    /**
     * Whether the refine loop runs (again), read from the run: after the portraits ({@code after} null)
     * when the run's options ask for passes; after refine's pass {@code after}, what that pass decided.
     * The result's iteration is the next pass's and {@code summary.again} says whether it comes.
     */
    public StageResult nextPass(String runId, Integer after) {
        RunManifest m = runs().manifest(runId);
        boolean again;
        int next;
        if (after == null) {
            again = m.options().personalises();
            next = 0;
        } else {
            String key = new lemon.stage.StageKey(RefineStage.NAME, after).toString();
            lemon.run.StageState refined = m.stage(key);
            if (refined.status() != lemon.run.StageState.Status.DONE) {
                throw new IllegalStateException("run " + runId + " has no finished " + key + " to continue from");
            }
            again = Boolean.TRUE.equals(refined.summary().get("again"));
            next = after + 1;
        }
        return new StageResult(
                runId,
                StageCatalogue.NEXT_PASS,
                next,
                "done",
                again ? "pass " + next + " of the refine loop" : "the refine loop is over",
                Map.of("again", again));
    }

    /** The run's cost as JSON, written when publish finishes: the figures the CLI summary prints. */
    public static final String COST = "cost.json";

    public StageResult run(String stage, String runId, int iteration) {
        StageResult r = ledger.run(catalogue.get(stage), runId, iteration);
        if (stage.equals(PublishStage.NAME) && r.status().equals("done")) {
            // beside the pages, not in them: a cost depends on this run's times, the pages are reproducible
            runs().write(runId, COST, cost(runId).asMap());
        }
        return r;
    }

    public StageResult recordFailure(String runId, String error, String cause) {
        return ledger.recordFailure(runId, error, cause);
    }

    /** Writes {@code <uploadKey>.failure.json} (upload, error, cause, time); returns its key. */
    private String recordBesideUpload(String uploadKey, String error, String cause) {
        String key = uploadKey + UPLOAD_FAILURE;
        java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("upload", uploadKey);
        record.put("error", error);
        record.put("cause", cause);
        record.put("at", clock.instant().toString());
        try {
            runs.blobs().put(key, lemon.run.Json.bytes(record));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot record the failure beside " + uploadKey, e);
        }
        return key;
    }

    /** Suffix of the record of a failure that happened before the upload became a run. */
    public static final String UPLOAD_FAILURE = ".failure.json";

    /**
     * As above; when ingest failed before the run existed, the failure is recorded beside the upload
     * ({@code <uploadKey>.failure.json}: error, readable cause, time), the one place its owner can look.
     */
    public StageResult recordFailure(String runId, String uploadKey, String error, String cause) {
        return recordFailure(runId, uploadKey, error, cause, null);
    }

    /**
     * @param iteration the refine pass the failure came in, where the workflow's state says (a
     *     failure in pass k before its stage began is recorded on that pass's first unfinished stage)
     */
    public StageResult recordFailure(String runId, String uploadKey, String error, String cause, Integer iteration) {
        if (ledger.hasRun(runId) || uploadKey == null || uploadKey.isBlank()) {
            List<String> next = iteration == null || iteration == 0
                    ? List.of()
                    : LOOP_STAGES.stream()
                            .map(st -> new lemon.stage.StageKey(st, iteration).toString())
                            .toList();
            return ledger.recordFailure(runId, error, cause, next);
        }
        String key = recordBesideUpload(uploadKey, error, lemon.stage.StageErrors.readable(error, cause));
        return new StageResult(
                runId,
                StageCatalogue.RECORD_FAILURE,
                0,
                "done",
                "the upload failed before it became a run; recorded in " + key,
                java.util.Map.of("recorded", key));
    }
}

package lemon.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lemon.analysis.CharacterContexts;
import lemon.describe.DescriptionCleaner;
import lemon.ingest.IngestedStory;
import lemon.ingest.StoryIngest;
import lemon.ingest.StoryRejectedException;
import lemon.model.CdPair;
import lemon.model.CharacterDescription;
import lemon.model.CharacterMatch;
import lemon.model.InteractionGraph;
import lemon.model.Portrait;
import lemon.model.Scene;
import lemon.model.StoryAnalysis;
import lemon.model.StoryCharacter;
import lemon.port.CharacterDescriber;
import lemon.port.CharacterRetriever;
import lemon.port.ImageGenerator;
import lemon.port.StoryAnalyst;
import lemon.report.GraphSvg;
import lemon.report.ReportPage;
import lemon.run.RunManifest;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.run.StageState;

/**
 * The text half of LeMon as plain Java: one method per workflow stage. Each stage reads what
 * earlier stages stored, writes whole files through the BlobStore, and records its state and
 * timing in the manifest. A stage that already completed returns "reused" without recomputing,
 * which makes retries and {@code lemon resume} cheap and gives the same outputs.
 */
public final class Pipeline {
    /** Context windows per character handed to the matcher; more adds time, little signal. */
    static final int CONTEXT_WINDOWS = 12;
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final TypeReference<List<StoryCharacter>> CHARACTERS = new TypeReference<>() {};
    private static final TypeReference<List<Scene>> SCENES = new TypeReference<>() {};
    private static final TypeReference<InteractionGraph> GRAPH = new TypeReference<>() {};
    private static final TypeReference<List<CharacterMatch>> MATCHES = new TypeReference<>() {};
    private static final TypeReference<List<CharacterDescription>> DESCRIPTIONS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Portrait>> PORTRAITS = new TypeReference<>() {};

    private final RunStore runs;
    private final StoryIngest ingest;
    private final StoryAnalyst analyst;
    private final CharacterRetriever retriever;
    private final CharacterDescriber describer;
    private final ImageGenerator painter;
    private final Clock clock;

    public Pipeline(RunStore runs, StoryIngest ingest, StoryAnalyst analyst, CharacterRetriever retriever,
                    CharacterDescriber describer, ImageGenerator painter, Clock clock) {
        this.runs = runs;
        this.ingest = ingest;
        this.analyst = analyst;
        this.retriever = retriever;
        this.describer = describer;
        this.painter = painter;
        this.clock = clock;
    }

    public RunStore runs() {
        return runs;
    }

    /**
     * Validates the upload at {@code uploadKey} and creates the run. With a {@code runId} that
     * already exists the run is reused as it is (resume); a rejected upload leaves no run behind.
     */
    public StageResult ingest(String runId, String uploadKey, RunOptions options) {
        if (runId != null && !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id '" + runId
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        boolean hasUpload = uploadKey != null && !uploadKey.isBlank();
        if (runId != null && runs.exists(runId)) {
            String stored = runs.manifest(runId).input().sha256();
            if (hasUpload && !stored.equals(StoryIngest.sha256(readUpload(uploadKey)))) {
                throw new IllegalArgumentException("run '" + runId + "' already exists for a different story; "
                        + "choose another run id, or resume that run without an upload");
            }
            return reused(runId, Stages.INGEST);
        }
        if (!hasUpload) {
            throw new IllegalArgumentException(runId == null
                    ? "ingest needs an uploadKey (where the story was uploaded) or an existing runId"
                    : "no run '" + runId + "' in " + runs.blobs().describe() + " and no upload to start it from");
        }
        byte[] bytes = readUpload(uploadKey);
        String fileName = uploadKey.substring(uploadKey.lastIndexOf('/') + 1);
        IngestedStory story;
        try {
            story = ingest.ingest(fileName, bytes);
        } catch (StoryRejectedException e) {
            return new StageResult(runId, Stages.INGEST, "rejected", e.getMessage(),
                    Map.of("reason", e.reason().name()));
        }
        String id = runId != null ? runId : newRunId();
        long start = System.nanoTime();
        Map<String, StageState> stages = new LinkedHashMap<>();
        Stages.ORDER.forEach(s -> stages.put(s, StageState.pending()));
        RunManifest manifest = new RunManifest(RunManifest.SCHEMA, id, now(),
                new RunManifest.Input(fileName, story.bytes(), story.sha256(), story.words(), story.title()),
                options, Map.of("lemon", version(), "java", System.getProperty("java.version")), stages,
                story.warnings());
        runs.writeBytes(id, Stages.STORY, story.text().getBytes(StandardCharsets.UTF_8));
        String started = manifest.createdAt();
        runs.save(manifest.withStage(Stages.INGEST, new StageState(StageState.Status.DONE, started, now(),
                (System.nanoTime() - start) / 1_000_000, List.of(Stages.STORY), null)));
        return new StageResult(id, Stages.INGEST, "done", "\"" + story.title() + "\", " + story.words() + " words",
                Map.of("words", story.words(), "title", story.title()));
    }

    public StageResult analyze(String runId) {
        return stage(runId, Stages.ANALYZE, m -> {
            String text = story(runId);
            StoryAnalysis analysis = analyst.analyze(text, m.options().scenes());
            if (analysis.characters().isEmpty()) {
                throw new StoryRejectedException(StoryRejectedException.Reason.NO_CHARACTERS,
                        "no characters found in \"" + m.input().title() + "\": the story needs at least one"
                                + " named or clearly described person (e.g. 'the tailor', 'Ali Baba')");
            }
            runs.write(runId, Stages.CHARACTERS, analysis.characters());
            runs.write(runId, Stages.SCENES, analysis.scenes());
            runs.write(runId, Stages.GRAPH, analysis.graph());
            runs.writeBytes(runId, Stages.GRAPH_SVG,
                    GraphSvg.render(analysis.graph(), analysis.characters()).getBytes(StandardCharsets.UTF_8));
            runs.write(runId, Stages.ANALYSIS_WARNINGS, analysis.warnings());
            return new Work(List.of(Stages.CHARACTERS, Stages.SCENES, Stages.GRAPH, Stages.GRAPH_SVG,
                    Stages.ANALYSIS_WARNINGS),
                    analysis.characters().size() + " characters, " + analysis.scenes().size() + " scenes, "
                            + analysis.graph().edges().size() + " edges",
                    Map.of("characters", analysis.characters().size(), "scenes", analysis.scenes().size(),
                            "edges", analysis.graph().edges().size()),
                    Map.of("analyst", analyst.name()), analysis.warnings());
        });
    }

    public StageResult match(String runId) {
        return stage(runId, Stages.MATCH, m -> {
            String text = story(runId);
            List<StoryCharacter> characters = runs.require(runId, Stages.CHARACTERS, CHARACTERS);
            Map<String, List<String>> contexts = new LinkedHashMap<>();
            for (StoryCharacter c : characters) {
                contexts.put(c.id(), CharacterContexts.windows(text, c, characters, CONTEXT_WINDOWS));
            }
            List<CharacterMatch> matches = retriever.match(contexts, m.options().topK());
            runs.write(runId, Stages.MATCHES, matches);
            return new Work(List.of(Stages.MATCHES), matches.size() + " characters matched, top-" + m.options().topK(),
                    Map.of("characters", matches.size()), Map.of("retriever", retriever.name()), List.of());
        });
    }

    public StageResult describe(String runId) {
        return stage(runId, Stages.DESCRIBE, m -> {
            String text = story(runId);
            List<StoryCharacter> characters = runs.require(runId, Stages.CHARACTERS, CHARACTERS);
            Map<String, CharacterMatch> matches = new LinkedHashMap<>();
            runs.require(runId, Stages.MATCHES, MATCHES).forEach(x -> matches.put(x.characterId(), x));
            List<CharacterDescription> out = new ArrayList<>();
            for (StoryCharacter c : characters) {
                List<String> ids = matches.containsKey(c.id())
                        ? matches.get(c.id()).matches().stream().map(CharacterMatch.Scored::cdId).toList()
                        : List.of();
                List<CdPair> examples = ids.stream().map(retriever::pair).toList();
                String raw = describer.describe(m.input().title(), text, c, characters, examples);
                out.add(new CharacterDescription(c.id(), c.name(), DescriptionCleaner.clean(raw, c.name()), ids));
            }
            runs.write(runId, Stages.DESCRIPTIONS, out);
            return new Work(List.of(Stages.DESCRIPTIONS), out.size() + " descriptions",
                    Map.of("descriptions", out.size()), Map.of("describer", describer.name()), List.of());
        });
    }

    /**
     * O portraits per character from its description. Seeds come from the character id and the
     * portrait index, so a retry or a resume paints exactly the same pictures.
     */
    public StageResult portraits(String runId) {
        return stage(runId, Stages.PORTRAITS, m -> {
            List<CharacterDescription> descriptions = runs.require(runId, Stages.DESCRIPTIONS, DESCRIPTIONS);
            int per = m.options().portraits();
            List<Portrait> portraits = new ArrayList<>();
            List<ImageGenerator.Request> requests = new ArrayList<>();
            for (CharacterDescription d : descriptions) {
                for (int i = 0; i < per; i++) {
                    long seed = portraitSeed(d.characterId(), i);
                    requests.add(new ImageGenerator.Request(d.description(), seed));
                    portraits.add(new Portrait(d.characterId(), i, seed, Stages.PORTRAIT_DIR + d.characterId() + "-" + i + ".png"));
                }
            }
            List<byte[]> pngs = painter.generate(requests); // all at once: the generator batches them
            List<String> outputs = new ArrayList<>();
            for (int k = 0; k < portraits.size(); k++) {
                runs.writeBytes(runId, portraits.get(k).file(), pngs.get(k));
                outputs.add(portraits.get(k).file());
            }
            runs.write(runId, Stages.PORTRAITS_JSON, portraits);
            outputs.add(Stages.PORTRAITS_JSON);
            return new Work(outputs, portraits.size() + " portraits (" + per + " per character)",
                    Map.of("portraits", portraits.size()), Map.of("painter", painter.name()), List.of());
        });
    }

    static long portraitSeed(String characterId, int index) {
        long h = 1125899906842597L;
        for (char c : characterId.toCharArray()) {
            h = 31 * h + c;
        }
        return h * 1000 + index;
    }

    public StageResult publish(String runId) {
        return stage(runId, Stages.PUBLISH, m -> {
            ReportPage.Inputs inputs = new ReportPage.Inputs(m,
                    runs.require(runId, Stages.CHARACTERS, CHARACTERS),
                    runs.require(runId, Stages.SCENES, SCENES),
                    runs.require(runId, Stages.GRAPH, GRAPH),
                    text(runId, Stages.GRAPH_SVG),
                    runs.require(runId, Stages.MATCHES, MATCHES),
                    runs.require(runId, Stages.DESCRIPTIONS, DESCRIPTIONS),
                    runs.read(runId, Stages.PORTRAITS_JSON, PORTRAITS).orElse(List.of()),
                    runs.read(runId, Stages.ANALYSIS_WARNINGS, STRINGS).orElse(List.of()));
            runs.writeBytes(runId, Stages.REPORT, ReportPage.render(inputs).getBytes(StandardCharsets.UTF_8));
            return new Work(List.of(Stages.REPORT), "report.html written", Map.of(), Map.of(), List.of());
        });
    }

    /** Marks the stage that was running as failed, so `lemon resume` knows where to start. */
    public StageResult recordFailure(String runId, String error, String cause) {
        if (runId == null || !runs.exists(runId)) {
            return new StageResult(runId, "record-failure", "done", "no run to record the failure in", Map.of());
        }
        RunManifest m = runs.manifest(runId);
        for (String name : Stages.ORDER) {
            StageState s = m.stage(name);
            if (s.status() == StageState.Status.RUNNING) {
                runs.save(m.withStage(name, new StageState(StageState.Status.FAILED, s.startedAt(), now(),
                        null, List.of(), error + ": " + cause)));
                return new StageResult(runId, "record-failure", "done", name + " failed: " + cause, Map.of("stage", name));
            }
        }
        return new StageResult(runId, "record-failure", "done", error + ": " + cause, Map.of());
    }

    private record Work(List<String> outputs, String message, Map<String, Object> summary,
                        Map<String, String> components, List<String> warnings) {}

    private StageResult stage(String runId, String name, java.util.function.Function<RunManifest, Work> work) {
        RunManifest m = runs.manifest(runId);
        StageState state = m.stage(name);
        if (state.status() == StageState.Status.DONE && outputsPresent(runId, state.outputs())) {
            return reused(runId, name);
        }
        String started = now();
        long start = System.nanoTime();
        runs.save(m.withStage(name, new StageState(StageState.Status.RUNNING, started, null, null, List.of(), null)));
        Work done;
        try {
            done = work.apply(m);
        } catch (RuntimeException e) {
            RunManifest latest = runs.manifest(runId);
            runs.save(latest.withStage(name, new StageState(StageState.Status.FAILED, started, now(),
                    (System.nanoTime() - start) / 1_000_000, List.of(), e.getMessage())));
            throw e;
        }
        RunManifest latest = runs.manifest(runId).withWarnings(done.warnings());
        for (var c : done.components().entrySet()) {
            latest = latest.withComponent(c.getKey(), c.getValue());
        }
        runs.save(latest.withStage(name, new StageState(StageState.Status.DONE, started, now(),
                (System.nanoTime() - start) / 1_000_000, done.outputs(), null)));
        return new StageResult(runId, name, "done", done.message(), done.summary());
    }

    private boolean outputsPresent(String runId, List<String> outputs) {
        try {
            for (String file : outputs) {
                if (!runs.blobs().exists(RunStore.key(runId, file))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StageResult reused(String runId, String name) {
        return new StageResult(runId, name, "reused", "already completed", Map.of());
    }

    private byte[] readUpload(String uploadKey) {
        try {
            return runs.blobs().get(uploadKey).orElseThrow(() -> new IllegalArgumentException(
                    "no upload at '" + uploadKey + "' in " + runs.blobs().describe()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read upload " + uploadKey, e);
        }
    }

    private String story(String runId) {
        return text(runId, Stages.STORY);
    }

    private String text(String runId, String file) {
        try {
            return new String(runs.blobs().get(RunStore.key(runId, file)).orElseThrow(
                    () -> new IllegalStateException("run " + runId + " has no " + file
                            + "; the stage that writes it has not completed")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock));
    }

    private String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now(clock))
                + "-" + HexFormat.of().formatHex(random);
    }

    static String version() {
        try (var in = Pipeline.class.getResourceAsStream("/lemon/version.properties")) {
            var p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

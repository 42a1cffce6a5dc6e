package lemon.stage.personalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lemon.port.ImageGenerator;
import lemon.port.Personalizer;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.refine.RefineStage;
import lemon.story.CharacterDescription;
import lemon.story.Gender;
import lemon.story.InteractionGraph;
import lemon.story.Personalization;
import lemon.story.Portrait;
import lemon.story.StoryCharacter;
import lemon.story.TrainingSet;

/**
 * personalize (§4.2): one token per character learned from its portraits over the interaction
 * graph. Iteration 0 learns from the initial portraits; a later iteration from the training set the
 * previous refine wrote (portraits kept and replaced, accepted scene images), continuing from the
 * previous iteration's tokens. Writes the tokens, the mapper they name and the trained state.
 */
public final class PersonalizeStage implements Stage {
    public static final String NAME = "personalize";
    public static final String PERSONALIZATION = "personalization.json";
    /** Mapper blobs and the trained state, by iteration. */
    public static final String DIR = "personalization/";

    public static final String STATE = DIR + "state.zip";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(
                    AnalyzeStage.CHARACTERS,
                    AnalyzeStage.GRAPH,
                    AnalyzeStage.SCENES,
                    DescribeStage.DESCRIPTIONS,
                    PortraitsStage.PORTRAITS,
                    RefineStage.TRAINING_SET),
            List.of(PERSONALIZATION, DIR),
            Placement.ENGINE_CONTAINER,
            "Learn one token per character over the interaction graph (graph network, NeTI mapper, L_rec + λ·L_ct).");

    /** Fixed so a run is reproducible; the iteration is added so each pass draws its own batches. */
    static final long SEED = 2024;

    /**
     * What a character's token stands beside in every prompt. {@link #ALONE}: nothing, the paper's
     * "a portrait of S_i" and scene prompts with the token in place of the name. {@link #DESCRIBED}:
     * the character's description as the model reads it ({@link Personalizer#anchor}), in training
     * and painting alike, so the token learns what the description leaves out and a scene keeps
     * what the descriptions say (the bundled model learned how many people to paint from captions
     * that describe each of them; with the tokens alone it often paints too few).
     */
    public enum Tokens {
        ALONE,
        DESCRIBED;

        /** From a setting's value: "alone" or "described". */
        public static Tokens parse(String value) {
            for (Tokens t : values()) if (t.name().equalsIgnoreCase(value.strip())) return t;
            throw new IllegalArgumentException(
                    "lemon.loop.tokens must be \"alone\" or \"described\", got \"" + value + "\"");
        }
    }

    private final Personalizer personalizer;
    private final Tokens words;
    private final DescribedScenePairs described;

    public PersonalizeStage(Personalizer personalizer) {
        this(personalizer, Tokens.ALONE);
    }

    public PersonalizeStage(Personalizer personalizer, Tokens words) {
        this(personalizer, words, null);
    }

    /** @param described the first pass's scene pairs painted by the base model; null: none (the paper) */
    public PersonalizeStage(Personalizer personalizer, Tokens words, DescribedScenePairs described) {
        this.personalizer = personalizer;
        this.words = words;
        this.described = described;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        List<StoryCharacter> characters = run.require(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS);
        InteractionGraph graph = run.require(AnalyzeStage.GRAPH, RunFileTypes.GRAPH);
        TrainingSet set = trainingSet(run);
        Map<String, List<byte[]>> portraits = new TreeMap<>();
        Map<String, String> classWords = new TreeMap<>();
        for (StoryCharacter c : characters) {
            List<String> files = set.portraits().get(c.id());
            if (files == null || files.isEmpty()) continue; // a character without portraits gets no token
            List<byte[]> pngs = new ArrayList<>();
            for (String f : files) pngs.add(run.bytesAt(f).orElseThrow(() -> missing(run, f)));
            portraits.put(c.id(), pngs);
            classWords.put(c.id(), classWord(c.gender()));
        }
        if (portraits.isEmpty()) {
            throw new IllegalStateException("run " + run.runId() + " has no portraits to personalise");
        }
        List<Personalizer.Pair> pairs = new ArrayList<>();
        for (TrainingSet.ScenePair p : set.pairs()) {
            pairs.add(new Personalizer.Pair(
                    run.bytesAt(p.file()).orElseThrow(() -> missing(run, p.file())), p.prompt(), p.placeholders()));
        }
        byte[] start = run.bytesEarlier(STATE).orElse(null);
        Map<String, String> anchors = words == Tokens.DESCRIBED ? anchors(run, portraits.keySet()) : Map.of();
        // a token stands where its anchor names the person (Token.phrase), so it starts from that word:
        // "girl" for a girl, whom "woman" would paint grown up
        anchors.forEach((id, a) -> {
            String word = Personalization.Token.personWord(a);
            if (word != null) classWords.put(id, word);
        });
        List<String> ids = new ArrayList<>(portraits.keySet());
        DescribedScenePairs.Result first = null;
        if (described != null && run.iteration() == 0) {
            Map<String, String> placeholders = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) placeholders.put(ids.get(i), placeholder(i));
            Map<String, StoryCharacter> byId = new LinkedHashMap<>();
            characters.forEach(c -> byId.put(c.id(), c));
            Map<String, String> descriptions = new TreeMap<>();
            for (CharacterDescription d : run.require(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS))
                if (d.description() != null && !d.description().isBlank())
                    descriptions.put(d.characterId(), d.description());
            first = described.paint(
                    run,
                    byId,
                    run.require(AnalyzeStage.SCENES, RunFileTypes.SCENES),
                    placeholders,
                    DescribedScenePairs.byPlaceholder(placeholders, anchors),
                    descriptions);
            run.write(DescribedScenePairs.PAIRS, first.pairs());
            for (int i = 0; i < first.pairs().size(); i++) {
                TrainingSet.ScenePair p = first.pairs().get(i);
                pairs.add(new Personalizer.Pair(first.pngs().get(i), p.prompt(), p.placeholders()));
            }
        }
        Personalizer.Result result = personalizer
                .personalize(
                        new Personalizer.Request(
                                portraits,
                                classWords,
                                graph,
                                pairs,
                                start,
                                run.options().seeded(SEED + run.iteration()),
                                anchors),
                        run.checkpoints(NAME))
                .prefixed(DIR);
        for (var blob : new TreeMap<>(result.blobs()).entrySet()) run.writeBytes(blob.getKey(), blob.getValue());
        if (result.state() != null) run.writeBytes(STATE, result.state());
        Map<String, Personalization.Token> tokens = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            ImageGenerator.LearnedToken t = result.tokens().get(ids.get(i));
            if (t == null)
                throw new IllegalStateException(personalizer.name() + " returned no token for " + ids.get(i));
            tokens.put(
                    ids.get(i),
                    new Personalization.Token(placeholder(i), t.embedding(), t.mapperKey(), anchors.get(ids.get(i))));
        }
        run.write(PERSONALIZATION, new Personalization(personalizer.name(), tokens, result.metrics()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("characters", tokens.size());
        summary.put("scenePairs", pairs.size());
        if (first != null) {
            summary.put("describedPictures", first.pictures());
            summary.put("describedPairs", first.pairs().size());
        }
        summary.put("tokens", words.name().toLowerCase(java.util.Locale.ROOT));
        return new StageOutput(
                tokens.size() + " character tokens learned"
                        + (first != null
                                ? ", with " + first.pairs().size() + " of " + first.pictures()
                                        + " base-model scene pictures (" + first.scenes() + " scenes) as scene pairs"
                                : pairs.isEmpty() ? "" : ", with " + pairs.size() + " accepted scene images")
                        + metricsLine(result.metrics()),
                summary,
                Map.of("personalizer", personalizer.name()),
                List.of());
    }

    /** Each character's description as the personaliser's model reads it; one without a description stands alone. */
    private Map<String, String> anchors(StageContext run, java.util.Set<String> ids) {
        Map<String, String> out = new TreeMap<>();
        for (CharacterDescription d : run.require(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS)) {
            if (!ids.contains(d.characterId())
                    || d.description() == null
                    || d.description().isBlank()) continue;
            String a = personalizer.anchor(d.description());
            if (a != null && !a.isBlank()) out.put(d.characterId(), a.strip());
        }
        return out;
    }

    /** What this iteration learns from: the previous refine's training set, or the initial portraits. */
    static TrainingSet trainingSet(StageContext run) {
        return run.readEarlier(RefineStage.TRAINING_SET, RunFileTypes.TRAINING_SET)
                .orElseGet(() -> initial(run.require(PortraitsStage.PORTRAITS, RunFileTypes.PORTRAITS)));
    }

    /**
     * What the first refine starts its training set from: the initial portraits and the pairs the
     * first personalisation painted ({@link DescribedScenePairs}; none when it painted none).
     */
    public static TrainingSet first(StageContext run) {
        TrainingSet portraits = initial(run.require(PortraitsStage.PORTRAITS, RunFileTypes.PORTRAITS));
        List<TrainingSet.ScenePair> pairs =
                run.read(DescribedScenePairs.PAIRS, RunFileTypes.SCENE_PAIRS).orElse(List.of());
        return new TrainingSet(portraits.portraits(), pairs);
    }

    /** The initial portraits as a training set. */
    public static TrainingSet initial(List<Portrait> portraits) {
        Map<String, List<String>> files = new TreeMap<>();
        for (Portrait p : portraits)
            files.computeIfAbsent(p.characterId(), k -> new ArrayList<>()).add(p.file());
        return new TrainingSet(files, List.of());
    }

    /** The placeholder of the i-th character (in id order): one word to the tokenizers. */
    public static String placeholder(int i) {
        return "<c" + (i + 1) + ">";
    }

    /** The word a character's token starts from (§4.2: its class word). */
    public static String classWord(Gender g) {
        return switch (g) {
            case MALE -> "man";
            case FEMALE -> "woman";
            default -> "person";
        };
    }

    private static String metricsLine(Map<String, Object> m) {
        Object steps = m.get("steps"), loss = m.get("loss"), secs = m.get("seconds");
        return steps == null
                ? ""
                : " (" + steps + " steps" + (loss == null ? "" : ", loss " + loss)
                        + (secs == null ? "" : ", " + secs + " s") + ")";
    }

    private static IllegalStateException missing(StageContext run, String file) {
        return new IllegalStateException(
                "run " + run.runId() + " is missing " + file + ", which the training set names");
    }
}

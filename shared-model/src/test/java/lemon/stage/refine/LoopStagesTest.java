package lemon.stage.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lemon.analysis.OfflineAnalyst;
import lemon.describe.OfflineDescriber;
import lemon.pipeline.Pipeline;
import lemon.port.ImageGenerator;
import lemon.run.RunOptions;
import lemon.stage.RunFileTypes;
import lemon.stage.StageFixture;
import lemon.stage.StageResult;
import lemon.stage.analyze.AnalyzeStage;
import lemon.stage.describe.DescribeStage;
import lemon.stage.match.MatchStage;
import lemon.stage.personalize.DescribedScenePairs;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.portraits.PortraitsStage;
import lemon.stage.publish.PublishStage;
import lemon.stage.validate.ValidateStage;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Personalization;
import lemon.story.Refinement;
import lemon.story.SceneCheck;
import lemon.story.SceneImage;
import lemon.story.TrainingSet;
import lemon.testing.FirstPairsRetriever;
import lemon.testing.FixedImageGenerator;
import lemon.testing.LoopStandIns;
import org.junit.jupiter.api.Test;

/** The loop's stages over stand-in engines: what each reads and writes, per iteration. */
class LoopStagesTest {
    final StageFixture f = new StageFixture(new RunOptions(4, 2, 3, 2, 3, "ink drawing"));
    final FixedImageGenerator painter = new FixedImageGenerator();
    final Pipeline.LoopEngines loop = LoopStandIns.engines();
    final LoopStandIns.CountingPersonalizer personalizer = (LoopStandIns.CountingPersonalizer) loop.personalizer();

    LoopStagesTest() {
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        f.run(new AnalyzeStage(new OfflineAnalyst()));
        f.run(new MatchStage(retriever));
        f.run(new DescribeStage(new OfflineDescriber(), retriever));
        f.run(new PortraitsStage(painter));
    }

    StageResult run(lemon.stage.Stage s, int iteration) {
        return f.ledger.run(s, "r", iteration);
    }

    @Test
    void oneIterationPaintsEveryScenePersonalisedAndRecordsItsDecisions() {
        run(new PersonalizeStage(personalizer), 0);
        Personalization p = f.read(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        assertEquals(
                List.of("<c1>", "<c2>", "<c3>"),
                p.tokens().values().stream()
                        .map(Personalization.Token::placeholder)
                        .sorted()
                        .toList()
                        .subList(0, Math.min(3, p.tokens().size())));
        assertNull(personalizer.requests.get(0).startFrom(), "iteration 0 starts from the class words");
        assertEquals(
                3,
                personalizer
                        .requests
                        .get(0)
                        .portraits()
                        .values()
                        .iterator()
                        .next()
                        .size(),
                "O portraits each");

        run(new VisualizeStage(painter), 0);
        List<SceneImage> images = f.read(VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        assertEquals(4 * 2, images.size(), "S takes of every scene");
        for (SceneImage img : images) {
            assertTrue(img.paintedPrompt().endsWith(", ink drawing"), img.paintedPrompt());
            img.placeholders()
                    .keySet()
                    .forEach(ph -> assertTrue(img.paintedPrompt().contains(ph)));
            assertTrue(img.characterIds().size() <= VisualizeStage.MAX_PEOPLE);
        }
        assertTrue(painter.requests().stream().anyMatch(r -> r.canvas() == lemon.port.ImageGenerator.Canvas.SCENE));
        assertTrue(painter.requests().stream().anyMatch(r -> !r.tokens().isEmpty()), "names painted as tokens");

        run(new ValidateStage(loop.validator(), loop.scorer(), -1), 0);
        List<SceneCheck> checks = f.read(ValidateStage.SCENE_CHECKS, RunFileTypes.SCENE_CHECKS);
        assertEquals(images.size(), checks.size());
        for (SceneCheck c : checks) assertEquals(c.countOk() && c.gendersOk() && c.clipOk(), c.accepted());

        StageResult r = run(new RefineStage(loop.scorer(), painter, 0.0), 0);
        Refinement ref = f.read(RefineStage.REFINEMENT, RunFileTypes.REFINEMENT);
        TrainingSet next = f.read(RefineStage.TRAINING_SET, RunFileTypes.TRAINING_SET);
        assertEquals(
                checks.stream().filter(SceneCheck::accepted).count(),
                ref.acceptedImages().size());
        assertEquals(ref.dropped().size(), r.summary().get("dropped"));
        assertEquals(1, r.summary().get("nextIteration"));
        assertEquals(
                !ref.dropped().isEmpty() || !ref.spared().isEmpty(), r.summary().get("again"));
        for (Refinement.Drop d : ref.dropped()) {
            assertTrue(next.portraits().get(d.characterId()).contains(d.replacement()));
            assertFalse(next.portraits().get(d.characterId()).contains(d.file()));
            assertTrue(f.blobs.get("r/" + d.replacement()).isPresent(), "replacement painted and stored");
        }
        for (Refinement.Drop d : ref.spared()) {
            assertNull(d.replacement());
            assertTrue(next.portraits().get(d.characterId()).contains(d.file()), "a spared portrait stays");
        }
        ref.spreadBefore()
                .forEach((id, before) -> assertTrue(
                        ref.spreadAfter().get(id) <= before, id + ": a replacement never widens the spread"));
        next.pairs().forEach(pair -> assertTrue(pair.placeholders().size() >= 2, "only multi-character pictures"));
    }

    @Test
    void theFirstPassCanLearnFromBaseModelScenesThatPassTheValidator() {
        Map<String, String> descriptions = new java.util.TreeMap<>();
        f.read(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS)
                .forEach(d -> descriptions.put(d.characterId(), d.description()));
        Map<String, lemon.story.Gender> genders = new java.util.HashMap<>();
        f.read(AnalyzeStage.CHARACTERS, RunFileTypes.CHARACTERS).forEach(c -> genders.put(c.id(), c.gender()));
        // the Base prompt: each painted character's description, in order
        DescribedScenePairs.Prompter prompter = (scene, characters, desc, painted, style, register) ->
                String.join(" | ", painted.stream().map(desc::get).toList()) + ", " + style;
        // a validator that sees the right people in the pictures of even seeds and nobody in the rest
        Map<Integer, lemon.port.ImageGenerator.Request> requestOf = new java.util.HashMap<>();
        lemon.port.ImageGenerator recording = new lemon.port.ImageGenerator() {
            @Override
            public String name() {
                return painter.name();
            }

            @Override
            public List<byte[]> generate(List<Request> batch) {
                List<byte[]> out = painter.generate(batch);
                for (int i = 0; i < out.size(); i++) requestOf.put(java.util.Arrays.hashCode(out.get(i)), batch.get(i));
                return out;
            }
        };
        lemon.port.CompatibilityValidator halfRight = new lemon.port.CompatibilityValidator() {
            @Override
            public String name() {
                return "half-right";
            }

            @Override
            public Verdict inspect(byte[] png) {
                var q = requestOf.get(java.util.Arrays.hashCode(png));
                if (q.seed() % 2 != 0) return new Verdict(0, List.of(), 1);
                List<lemon.story.Gender> seen = java.util.Arrays.stream(
                                q.description().replace(", ink drawing", "").split(" \\| "))
                        .map(d -> descriptions.entrySet().stream()
                                .filter(e -> e.getValue().equals(d))
                                .map(e -> genders.get(e.getKey()))
                                .findFirst()
                                .orElseThrow())
                        .map(g -> g == lemon.story.Gender.FEMALE ? g : lemon.story.Gender.MALE)
                        .limit(3)
                        .toList();
                return new Verdict(seen.size(), seen, 1);
            }
        };
        var described = new DescribedScenePairs(recording, halfRight, prompter, 2);
        List<lemon.story.Scene> scenes = f.read(AnalyzeStage.SCENES, RunFileTypes.SCENES);
        StageResult r = run(new PersonalizeStage(personalizer, PersonalizeStage.Tokens.ALONE, described), 0);

        List<lemon.port.ImageGenerator.Request> base = painter.requests().stream()
                .filter(q -> q.tokens().isEmpty() && q.canvas() == lemon.port.ImageGenerator.Canvas.SCENE)
                .toList();
        long multi = scenes.stream()
                .filter(s -> s.characterIds().stream()
                                .filter(descriptions::containsKey)
                                .count()
                        >= 2)
                .count();
        assertTrue(multi > 0, "the fixture story has scenes of two or more characters");
        assertEquals(2 * multi, base.size(), "two base pictures of every scene of two or more characters");
        base.forEach(q -> assertTrue(q.description().endsWith(", ink drawing"), q.description()));
        assertEquals(base.size(), r.summary().get("describedPictures"));

        List<TrainingSet.ScenePair> pairs = f.read(DescribedScenePairs.PAIRS, RunFileTypes.SCENE_PAIRS);
        assertEquals(pairs.size(), r.summary().get("describedPairs"));
        assertTrue(
                !pairs.isEmpty() && pairs.size() < base.size(), "the stand-in validator passes some: " + pairs.size());
        assertEquals(pairs.size(), personalizer.requests.get(0).pairs().size(), "the first pass learns from them");
        for (TrainingSet.ScenePair pair : pairs) {
            byte[] png = f.blobs.get("r/" + pair.file()).orElseThrow();
            List<lemon.story.Gender> expected =
                    pair.placeholders().values().stream().map(genders::get).toList();
            assertTrue(
                    DescribedScenePairs.passes(halfRight.inspect(png), expected),
                    "only pictures the validator passes are kept: " + pair.file());
            assertTrue(pair.placeholders().size() >= 2);
            pair.placeholders().keySet().forEach(ph -> assertTrue(pair.prompt().contains(ph), pair.prompt()));
            assertTrue(pair.prompt().endsWith(", ink drawing"), "trained under visualize's prompt: " + pair.prompt());
        }

        // the first refine keeps them in the training set; the next pass learns from them without painting again
        run(new VisualizeStage(painter), 0);
        run(new ValidateStage(loop.validator(), loop.scorer(), -1), 0);
        run(new RefineStage(loop.scorer(), painter, 0.0), 0);
        TrainingSet next = f.read(RefineStage.TRAINING_SET, RunFileTypes.TRAINING_SET);
        assertTrue(next.pairs().containsAll(pairs), "the base pairs carried into the next training set");
        int painted = painter.requests().size();
        run(new PersonalizeStage(personalizer, PersonalizeStage.Tokens.ALONE, described), 1);
        assertEquals(painted, painter.requests().size(), "painted once, in the first pass");
        assertEquals(next.pairs().size(), personalizer.requests.get(1).pairs().size());
    }

    @Test
    void aLaterIterationLearnsFromTheRefinedSetAndContinuesThePreviousTokens() {
        for (int i = 0; i < 2; i++) {
            run(new PersonalizeStage(personalizer), i);
            run(new VisualizeStage(painter), i);
            run(new ValidateStage(loop.validator(), loop.scorer(), -1), i);
            run(new RefineStage(loop.scorer(), painter, 0.0), i);
        }
        var second = personalizer.requests.get(1);
        assertNotNull(second.startFrom(), "iteration 1 continues iteration 0's state");
        TrainingSet after0 = f.runs.read("r", RefineStage.TRAINING_SET, RunFileTypes.TRAINING_SET)
                .orElseThrow();
        assertEquals(after0.pairs().size(), second.pairs().size(), "the pairs refine 0 accepted");
        assertTrue(f.blobs.get("r/iterations/1/" + VisualizeStage.SCENE_IMAGES).isPresent(), "own files per iteration");
        assertEquals(
                "reused", run(new PersonalizeStage(personalizer), 1).status(), "(run, stage, iteration) is done once");
        assertEquals(2, personalizer.calls.get());

        f.run(new PublishStage());
        String board = new String(f.blobs.get("r/" + PublishStage.STORYBOARD).orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(board.contains("iterations/1/scenes/"), "the storyboard shows the last iteration's pictures");
        assertTrue(board.contains("<svg"), "and the graph");
        assertTrue(f.blobs.get("r/" + PublishStage.SHEET).isPresent(), "and a PNG sheet");
        Map<String, Object> metrics =
                f.read(PublishStage.METRICS, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        assertEquals(2, metrics.get("iterations"));
    }

    @Test
    void aReusedRefineReturnsTheSummaryTheWorkflowChoosesBy() {
        run(new PersonalizeStage(personalizer), 0);
        run(new VisualizeStage(painter), 0);
        run(new ValidateStage(loop.validator(), loop.scorer(), -1), 0);
        StageResult first = run(new RefineStage(loop.scorer(), painter, 0.0), 0);
        StageResult again = run(new RefineStage(loop.scorer(), painter, 0.0), 0);
        assertEquals("reused", again.status());
        assertEquals(first.summary().get("again"), again.summary().get("again"));
        assertEquals(first.summary().get("nextIteration"), again.summary().get("nextIteration"));
    }

    @Test
    void describedTokensAreLearnedAndPaintedBesideTheWordsThePersonalizerKeepsOfEachDescription() {
        List<lemon.story.CharacterDescription> described =
                f.read(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS);
        // a personaliser whose model reads only the first three words of a description
        var shortReader = firstThreeWords();
        run(new PersonalizeStage(shortReader, PersonalizeStage.Tokens.DESCRIBED), 0);
        Map<String, String> anchors = shortReader.requests.get(0).anchors();
        assertEquals(shortReader.requests.get(0).portraits().keySet(), anchors.keySet(), "every painted character");
        for (var d : described) {
            if (anchors.containsKey(d.characterId()))
                assertEquals(shortReader.anchor(d.description()), anchors.get(d.characterId()));
        }
        Personalization p = f.read(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        p.tokens().forEach((id, t) -> assertEquals(anchors.get(id), t.anchor(), "kept with the token"));

        run(new VisualizeStage(painter), 0);
        List<SceneImage> images = f.read(VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        assertTrue(images.stream().anyMatch(i -> !i.placeholders().isEmpty()));
        for (SceneImage img : images) {
            img.placeholders()
                    .forEach((ph, id) -> assertTrue(
                            img.paintedPrompt().contains(Personalization.Token.phrase(ph, anchors.get(id))),
                            img.paintedPrompt()));
        }
        for (var t : p.tokens().values()) {
            String portrait = VisualizeStage.PORTRAIT_PROMPT + t.phrase();
            assertTrue(
                    painter.requests().stream().anyMatch(r -> r.description().equals(portrait)),
                    "token portrait painted as \"" + portrait + "\"");
        }

        // the default keeps the paper's prompts: no anchor stored, none painted
        StageFixture alone = new StageFixture(new RunOptions(4, 2, 3, 2, 3, ""));
        FirstPairsRetriever retriever = new FirstPairsRetriever();
        alone.run(new AnalyzeStage(new OfflineAnalyst()));
        alone.run(new MatchStage(retriever));
        alone.run(new DescribeStage(new OfflineDescriber(), retriever));
        alone.run(new PortraitsStage(new FixedImageGenerator()));
        alone.ledger.run(new PersonalizeStage(new LoopStandIns.CountingPersonalizer()), "r", 0);
        alone.read(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION)
                .tokens()
                .values()
                .forEach(t -> assertNull(t.anchor()));
        assertFalse(new String(
                        alone.blobs.get("r/" + PersonalizeStage.PERSONALIZATION).orElseThrow(), StandardCharsets.UTF_8)
                .contains("anchor"));

        assertEquals(PersonalizeStage.Tokens.DESCRIBED, PersonalizeStage.Tokens.parse(" Described"));
        var bad = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> PersonalizeStage.Tokens.parse("both"));
        assertEquals("lemon.loop.tokens must be \"alone\" or \"described\", got \"both\"", bad.getMessage());
    }

    @Test
    void thePainterWordsEachSceneWithTheAnchorsAsItsWindowAllows() {
        var shortReader = firstThreeWords();
        run(new PersonalizeStage(shortReader, PersonalizeStage.Tokens.DESCRIBED), 0);
        // a painter whose window holds one word of each anchor (MiniImageGenerator shortens when a prompt overruns)
        FixedImageGenerator pixels = new FixedImageGenerator();
        ImageGenerator narrow = new ImageGenerator() {
            @Override
            public String name() {
                return pixels.name();
            }

            @Override
            public List<byte[]> generate(List<Request> requests) {
                return pixels.generate(requests);
            }

            @Override
            public String withAnchors(String prompt, Map<String, String> anchors) {
                Map<String, String> first = new java.util.LinkedHashMap<>();
                anchors.forEach((ph, a) -> first.put(ph, a.split(" ")[0]));
                return ImageGenerator.super.withAnchors(prompt, first);
            }
        };
        run(new VisualizeStage(narrow), 0);
        Personalization p = f.read(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        List<SceneImage> images = f.read(VisualizeStage.SCENE_IMAGES, RunFileTypes.SCENE_IMAGES);
        for (SceneImage img : images) {
            img.placeholders().forEach((ph, id) -> {
                String anchor = p.tokens().get(id).anchor();
                assertTrue(img.paintedPrompt().contains(ph + " " + anchor.split(" ")[0]), img.paintedPrompt());
                assertFalse(img.paintedPrompt().contains(ph + " " + anchor), img.paintedPrompt());
            });
            assertTrue(
                    pixels.requests().stream().anyMatch(r -> r.description().equals(img.paintedPrompt())),
                    "painted as recorded: " + img.paintedPrompt());
        }
    }

    @Test
    void withoutTheSceneMapperScenesArePaintedFromTheTokensAloneAndTokenPortraitsKeepIt() {
        var withMapper = new LoopStandIns.CountingPersonalizer() {
            @Override
            public synchronized Result personalize(Request r, lemon.port.Checkpoints checkpoints) {
                Result plain = super.personalize(r, checkpoints);
                Map<String, lemon.port.ImageGenerator.LearnedToken> tokens = new java.util.HashMap<>();
                plain.tokens()
                        .forEach((id, t) ->
                                tokens.put(id, new lemon.port.ImageGenerator.LearnedToken(t.embedding(), "m")));
                return new Result(tokens, plain.metrics(), Map.of("m", new byte[] {1}), plain.state());
            }
        };
        run(new PersonalizeStage(withMapper), 0);
        run(new VisualizeStage(painter, false), 0);
        var scenes = painter.requests().stream()
                .filter(r -> r.canvas() == lemon.port.ImageGenerator.Canvas.SCENE
                        && !r.tokens().isEmpty())
                .toList();
        assertFalse(scenes.isEmpty());
        scenes.forEach(r -> r.tokens().values().forEach(t -> assertNull(t.mapperKey(), r.description())));
        var portraits = painter.requests().stream()
                .filter(r -> r.description().startsWith(VisualizeStage.PORTRAIT_PROMPT)
                        && !r.tokens().isEmpty())
                .toList();
        assertFalse(portraits.isEmpty());
        portraits.forEach(r ->
                r.tokens().values().forEach(t -> assertEquals(PersonalizeStage.DIR + "m", t.mapperKey())));
    }

    @Test
    void aDescribedTokenStartsFromTheWordItsAnchorCallsThePersonBy() {
        // an anchor that calls everyone a girl: "woman" (the class word of her gender) would paint her grown up
        var girls = new LoopStandIns.CountingPersonalizer() {
            @Override
            public String anchor(String description) {
                return "a little girl with red hair";
            }
        };
        run(new PersonalizeStage(girls, PersonalizeStage.Tokens.DESCRIBED), 0);
        Map<String, String> classWords = girls.requests.get(0).classWords();
        assertFalse(classWords.isEmpty());
        classWords.forEach((id, word) -> assertEquals("girl", word, id));
        Personalization p = f.read(PersonalizeStage.PERSONALIZATION, RunFileTypes.PERSONALIZATION);
        p.tokens().values().forEach(t -> assertEquals("a little " + t.placeholder() + " with red hair", t.phrase()));
    }

    /** A personaliser whose model reads only the first three words of a description. */
    private static LoopStandIns.CountingPersonalizer firstThreeWords() {
        return new LoopStandIns.CountingPersonalizer() {
            @Override
            public String anchor(String description) {
                return String.join(
                        " ", java.util.Arrays.asList(description.split(" ")).subList(0, 3));
            }
        };
    }
}

package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.config.PipelineSettings;
import lemon.functions.LocalRun;
import lemon.llm.LlmSettings;
import lemon.llm.RunLlm;
import lemon.run.RunManifest;
import lemon.run.RunStore;
import lemon.run.StageState;
import lemon.stage.describe.DescribeStage;
import lemon.storage.BlobStores;
import lemon.story.CharacterDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run made with an LLM fails at describe-characters; it is resumed the way {@code lemon resume}
 * does it, with nothing said about the LLM and the offline analyst configured: the rest of the run
 * is done by the run's own LLM (the stand-in server answers), not silently by the offline one.
 */
class ResumeKeepsLlmTest {
    @TempDir
    Path dir;

    static final String ANALYSIS = """
            {"characters": [
              {"name": "Rapunzel", "aliases": [], "gender": "female", "role": "the girl in the tower"},
              {"name": "the enchantress", "aliases": ["the witch"], "gender": "female", "role": "witch"},
              {"name": "the king's son", "aliases": ["the prince"], "gender": "male", "role": "prince"}],
             "scenes": [{"prompt": "The king's son climbs Rapunzel's hair into the tower", "characters": ["Rapunzel", "the king's son"]}]}
            """;

    @Test
    void resumeFinishesTheRunWithItsOwnLlm() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger describes = new AtomicInteger();
        try (var llm = new FakeOpenAiServer(
                (system, user) -> {
                    if (system.contains("list its characters")) {
                        return ANALYSIS;
                    }
                    describes.incrementAndGet();
                    return broken.get()
                            ? "I'd rather write a poem."
                            : "{\"description\": \"a person in a long green travelling cloak\"}";
                },
                0)) {
            // the painter is not under test: 4 DDIM steps instead of 20
            PipelineSettings offline = Fixtures.settings(dir.toString()).withImageSteps(4);
            PipelineSettings openai = offline.withLlm(new LlmSettings(
                    "openai",
                    llm.baseUrl(),
                    "llama-2-7b-chat",
                    "LEMON_TEST_NO_KEY",
                    "us-east-1",
                    null,
                    Duration.ofSeconds(10),
                    2));
            RunStore runs = new RunStore(BlobStores.fromUri(dir.toString()));
            runs.blobs().put("uploads/rapunzel.txt", Fixtures.tale("rapunzel"));
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            LocalRun.Outcome first = LocalRun.start(
                    Fixtures.functions(openai), "uploads/rapunzel.txt", Fixtures.OPTIONS, "llm-run", quiet);
            assertFalse(first.succeeded());
            RunManifest m = runs.manifest("llm-run");
            assertEquals(StageState.Status.FAILED, m.stage(DescribeStage.NAME).status());
            assertEquals(new RunManifest.Llm("openai", "llama-2-7b-chat", llm.baseUrl(), null), m.llm());

            broken.set(false);
            int before = describes.get();
            RunLlm.Choice choice = RunLlm.forRun("llm-run", m.llm(), offline.llm(), null, null, null);
            assertEquals("the run's LLM: openai llama-2-7b-chat at " + llm.baseUrl(), choice.message());
            LocalRun.Outcome resumed =
                    LocalRun.resume(Fixtures.functions(offline.withLlm(choice.settings())), "llm-run", quiet);
            assertTrue(resumed.succeeded(), resumed.toString());
            assertEquals(3, describes.get() - before, "one description per character, from the run's LLM");
            List<CharacterDescription> d =
                    runs.require("llm-run", DescribeStage.DESCRIPTIONS, new TypeReference<>() {});
            assertTrue(d.stream().allMatch(x -> x.description().contains("green travelling cloak")), d.toString());
            assertTrue(
                    runs.manifest("llm-run").components().get("describer").contains("openai-compatible"),
                    runs.manifest("llm-run").components().toString());

            var refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> RunLlm.forRun("llm-run", m.llm(), offline.llm(), "offline", null, null));
            assertTrue(refused.getMessage().contains("(provider openai → offline"), refused.getMessage());
        }
    }
}

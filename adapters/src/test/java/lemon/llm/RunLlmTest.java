package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import lemon.run.RunManifest;
import org.junit.jupiter.api.Test;

class RunLlmTest {
    static final LlmSettings OFFLINE =
            new LlmSettings("offline", null, null, "MY_KEY_ENV", "eu-west-1", null, Duration.ofSeconds(7), 2);
    static final RunManifest.Llm OPENAI = new RunManifest.Llm("openai", "gpt-x", "http://llm:8000/v1", null);

    @Test
    void aRunRecordsProviderModelUrlAndRegionButNoKey() {
        assertEquals(RunManifest.Llm.OFFLINE, RunLlm.of(OFFLINE));
        assertEquals(OPENAI, RunLlm.of(OFFLINE.withProvider("openai", "gpt-x", "http://llm:8000/v1")));
        assertEquals(
                new RunManifest.Llm("bedrock", "meta.llama2-13b-chat-v1", null, "eu-west-1"),
                RunLlm.of(OFFLINE.withProvider("bedrock", null, null)));
        assertEquals(
                new RunManifest.Llm("gguf", "/models/l.gguf", null, null),
                RunLlm.of(OFFLINE.withProvider("gguf", "/models/l.gguf", null)));
        assertEquals(
                new RunManifest.Llm("sagemaker", "llama-2-7b-chat", null, "eu-west-1"),
                RunLlm.of(OFFLINE.withProvider("sagemaker", "llama-2-7b-chat", null)));
        String json = new String(lemon.run.Json.bytes(OPENAI), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!json.contains("KEY") && !json.contains("region"), json);
    }

    @Test
    void aResumeUsesTheRunsLlmWhateverTheConfigurationSays() {
        RunLlm.Choice c = RunLlm.forRun("r1", OPENAI, OFFLINE, null, null, null);
        assertEquals("the run's LLM: openai gpt-x at http://llm:8000/v1", c.message());
        assertEquals("openai", c.settings().provider());
        assertEquals("gpt-x", c.settings().model());
        assertEquals("http://llm:8000/v1", c.settings().baseUrl());
        assertEquals("MY_KEY_ENV", c.settings().apiKeyEnv(), "the key still comes from the configured variable");
        assertEquals(Duration.ofSeconds(7), c.settings().timeout());
        assertEquals(OPENAI, RunLlm.of(c.settings()));
        assertEquals(
                "the run's LLM: openai gpt-x at http://llm:8000/v1",
                RunLlm.forRun("r1", OPENAI, OFFLINE, "openai", "gpt-x", null).message(),
                "options that agree with the run are fine");
    }

    @Test
    void aResumedSageMakerRunKeepsTheConfiguredPayloadFormat() {
        var run = new RunManifest.Llm("sagemaker", "llama-2-7b-chat", null, "eu-central-1");
        LlmSettings s = RunLlm.forRun("r2", run, OFFLINE.withSageMakerFormat("tgi"), null, null, null)
                .settings();
        assertEquals(run, RunLlm.of(s));
        assertEquals("tgi", s.sagemakerFormat());
    }

    @Test
    void anExplicitlyDifferentLlmIsRefusedWithTheDifferenceNamed() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> RunLlm.forRun("r1", OPENAI, OFFLINE, null, "gpt-y", "http://other:1/v1"));
        assertEquals(
                "run r1 was made with the LLM openai gpt-x at http://llm:8000/v1; the options ask for another (model"
                        + " gpt-x → gpt-y, URL http://llm:8000/v1 → http://other:1/v1). A run keeps its LLM: leave out"
                        + " --llm, --llm-model and --llm-url to use it, or start a new run for another LLM",
                e.getMessage());
        var offline = assertThrows(
                IllegalArgumentException.class, () -> RunLlm.forRun("r1", OPENAI, OFFLINE, "offline", null, null));
        assertTrue(offline.getMessage().contains("(provider openai → offline)"), offline.getMessage());
    }

    @Test
    void aRunThatRecordsNoLlmUsesTheConfiguredOneAndSaysSo() {
        RunLlm.Choice c = RunLlm.forRun("old", null, OFFLINE, null, null, null);
        assertEquals(OFFLINE, c.settings());
        assertEquals(
                "the configured LLM: offline (rule-based analyst and describer) (the run does not record its own; an"
                        + " older LeMon made it)",
                c.message());
    }
}

package lemon.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import lemon.config.LemonConfig;
import org.junit.jupiter.api.Test;

class VisionValidatorsTest {
    @Test
    void miniIsLeftToTheCaller() {
        assertEquals(Optional.empty(), VisionValidators.create(VisionSettings.MINI));
        assertEquals(Optional.empty(), VisionValidators.create(new VisionSettings(null, null, null, null, null)));
    }

    @Test
    void settingsHaveSaneDefaults() {
        VisionSettings s = new VisionSettings("bedrock", " ", "", null, null);
        assertEquals(null, s.url());
        assertEquals(null, s.llmModel());
        assertEquals("us-east-1", s.region());
        assertEquals(Duration.ofSeconds(120), s.timeout());
    }

    @Test
    void badSettingsFailInOneLineNamingTheProperty() {
        assertEquals(
                "lemon.validator.model=openai needs lemon.validator.url: set it to the server's OpenAI-compatible"
                        + " base URL (e.g. http://localhost:8000/v1)",
                failure(new VisionSettings("openai", null, "llava", null, null)));
        assertEquals(
                "lemon.validator.model=openai needs lemon.validator.llm-model: set it to the vision model the server"
                        + " serves (e.g. meta-llama/Llama-3.2-11B-Vision-Instruct)",
                failure(new VisionSettings("openai", "http://localhost:8000/v1", null, null, null)));
        assertEquals(
                "lemon.validator.url is not an http(s) URL: 'localhost:8000' (e.g. http://localhost:8000/v1)",
                failure(new VisionSettings("openai", "localhost:8000", "llava", null, null)));
        var unknown =
                assertThrows(IllegalArgumentException.class, () -> new VisionSettings("gpt4v", null, null, null, null));
        assertEquals(
                "unknown validator 'gpt4v' in lemon.validator.model; use one of [mini, openai, bedrock]",
                unknown.getMessage());
        var timeout = assertThrows(
                IllegalArgumentException.class, () -> new VisionSettings("mini", null, null, null, Duration.ZERO));
        assertEquals("lemon.validator.timeout must be positive, got PT0S", timeout.getMessage());
        for (String m : new String[] {
            failure(new VisionSettings("openai", null, "llava", null, null)),
            failure(new VisionSettings("openai", "http://localhost:8000/v1", null, null, null))
        }) {
            assertTrue(m.lines().count() == 1, m);
        }
    }

    @Test
    void namesSayProviderAndModelButNoCredentialsInTheUrl() {
        var openai = VisionValidators.create(new VisionSettings(
                        "openai", "https://user:pw@vlm.example:8443/v1?key=abc", "llava", null, null))
                .orElseThrow();
        assertEquals("openai-compatible:llava@https://vlm.example:8443/v1", openai.name());
        var bedrock = VisionValidators.create(new VisionSettings("bedrock", null, null, "eu-central-1", null))
                .orElseThrow();
        assertEquals("bedrock:" + VisionValidators.DEFAULT_BEDROCK_MODEL + "@eu-central-1", bedrock.name());
        assertEquals("http://h:1/p", VisionValidators.redacted(URI.create("http://u:p@h:1/p?q=1#f")));
    }

    /** Reads "30s" as Quarkus' Duration converter does, for the durations these keys use. */
    private static final org.eclipse.microprofile.config.spi.Converter<Duration> SECONDS =
            v -> Duration.parse("PT" + v.strip().toUpperCase(java.util.Locale.ROOT));

    /** The mapping as Quarkus builds it, without starting Quarkus. */
    @Test
    void theConfigGroupMapsLemonValidatorKeys() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, SECONDS)
                .withMapping(LemonConfig.class)
                .withSources(
                        new MapBackedConfigSource(
                                "test",
                                Map.of(
                                        "lemon.validator.model", "openai",
                                        "lemon.validator.url", "http://localhost:8000/v1",
                                        "lemon.validator.llm-model", "llava",
                                        "lemon.validator.timeout", "30s")) {})
                .build();
        VisionSettings s =
                VisionSettings.from(config.getConfigMapping(LemonConfig.class).validator());
        assertEquals(
                new VisionSettings("openai", "http://localhost:8000/v1", "llava", "us-east-1", Duration.ofSeconds(30)),
                s);

        SmallRyeConfig defaults = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, SECONDS)
                .withMapping(LemonConfig.class)
                .build();
        assertEquals(
                VisionSettings.MINI,
                VisionSettings.from(defaults.getConfigMapping(LemonConfig.class).validator()));
    }

    private static String failure(VisionSettings s) {
        return assertThrows(IllegalArgumentException.class, () -> VisionValidators.create(s))
                .getMessage();
    }
}

package lemon.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The CLI's local GGUF provider: its file check through the provider selection, and its prompt template. */
class GgufChatModelTest {
    private static LlmSettings settings(String provider, String url, String model, String gguf) {
        return new LlmSettings(provider, url, model, "LEMON_TEST_NO_KEY", "eu-west-1", gguf, Duration.ofSeconds(5), 2);
    }

    @Test
    void aMissingGgufFileIsNamed() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> ChatModels.create(settings("gguf", null, null, "/no/such/model.gguf"), GgufChatModel::new));
        assertTrue(e.getMessage().contains("/no/such/model.gguf"), e.getMessage());
    }

    @Test
    void ggufPromptsUseTheLlama2ChatTemplate() {
        String prompt = GgufChatModel.llama2Prompt(ChatRequest.builder()
                .messages(
                        SystemMessage.from("Be brief."),
                        UserMessage.from("Describe Morgiana."),
                        AiMessage.from("{}"),
                        UserMessage.from("Again."))
                .build());
        assertEquals(
                "[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nDescribe Morgiana. [/INST] {} </s><s>[INST] Again. [/INST]",
                prompt);
    }
}

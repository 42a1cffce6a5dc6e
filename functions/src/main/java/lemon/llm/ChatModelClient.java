package lemon.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import lemon.port.LlmClient;

/** Our LlmClient over any LangChain4j ChatModel. */
public final class ChatModelClient implements LlmClient {
    private final String name;
    private final ChatModel model;

    public ChatModelClient(String name, ChatModel model) {
        this.name = name;
        this.model = model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String chat(String system, String user) {
        return model.chat(SystemMessage.from(system), UserMessage.from(user)).aiMessage().text();
    }
}

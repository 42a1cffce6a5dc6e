package lemon.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import lemon.port.LlmClient;
import lemon.port.TransientFailure;

/**
 * Our LlmClient over any LangChain4j ChatModel. Timeouts, throttling and server errors become a
 * {@link TransientFailure}, so the workflow retries the stage with back-off; the rest (bad key,
 * unknown model, refused connection) propagate as they are and fail the stage.
 */
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
        try {
            return model.chat(SystemMessage.from(system), UserMessage.from(user))
                    .aiMessage()
                    .text();
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                throw new TransientFailure("LLM " + name + ": " + TransientFailure.rootMessage(e), e);
            }
            throw e;
        }
    }

    /**
     * LangChain4j maps HTTP 408/429/5xx and timeouts to its RetriableException subclasses; a client
     * side timeout can also arrive unmapped, as a JDK timeout somewhere in the cause chain.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RetriableException) {
                return true;
            }
            if (c instanceof HttpException h) {
                int status = h.statusCode();
                return status == 408 || status == 429 || status >= 500;
            }
        }
        return TransientFailure.causedByTimeout(e);
    }
}

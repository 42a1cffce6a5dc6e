package lemon.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import lemon.port.LlmClient;
import lemon.port.TransientFailure;

/**
 * Our LlmClient over any LangChain4j ChatModel. Timeouts, throttling and server errors become a
 * {@link TransientLlmFailure} with a short reason ("HTTP 500"), for the {@link RetryingLlmClient}
 * around it and then the workflow to retry. Nothing listening at the endpoint, or a host that does
 * not resolve, becomes an {@link LlmFailedException} that names the URL: a configuration problem,
 * not worth retrying. The rest (bad key, unknown model) propagate as they are and fail the stage.
 */
public final class ChatModelClient implements LlmClient {
    private final String name;
    private final String endpoint;
    private final Duration timeout;
    private final ChatModel model;
    private final String urlSetting;

    /**
     * @param endpoint where the model is served, for connection errors ("http://localhost:11434/v1"),
     *     or null when it is in-process
     * @param timeout the model's own per-call timeout, for messages; null when it has none
     */
    public ChatModelClient(String name, String endpoint, Duration timeout, ChatModel model) {
        this(name, endpoint, timeout, model, "--llm-url or lemon.llm.base-url");
    }

    /**
     * @param urlSetting where the user sets the endpoint, for the message about a host that does
     *     not resolve ("lemon.validator.url")
     */
    public ChatModelClient(String name, String endpoint, Duration timeout, ChatModel model, String urlSetting) {
        this.name = name;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.model = model;
        this.urlSetting = urlSetting;
    }

    public ChatModelClient(String name, ChatModel model) {
        this(name, null, null, model);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String chat(String system, String user) {
        return ask(system, user).text();
    }

    /** The answer with the tokens the provider says it counted (0 where it says nothing). */
    @Override
    public Answer ask(String system, String user) {
        dev.langchain4j.model.chat.response.ChatResponse r =
                respond(SystemMessage.from(system), UserMessage.from(user));
        dev.langchain4j.model.output.TokenUsage u = r.tokenUsage();
        long in = u == null || u.inputTokenCount() == null ? 0 : u.inputTokenCount();
        long out = u == null || u.outputTokenCount() == null ? 0 : u.outputTokenCount();
        return new Answer(r.aiMessage().text(), in, out);
    }

    /**
     * Any conversation, e.g. one user turn with an image beside the text; faults are mapped as
     * for {@link #chat(String, String)}.
     */
    public String chat(ChatMessage... messages) {
        return respond(messages).aiMessage().text();
    }

    private dev.langchain4j.model.chat.response.ChatResponse respond(ChatMessage... messages) {
        try {
            return model.chat(messages);
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                String reason = transientReason(e);
                throw new TransientLlmFailure(
                        "LLM " + name + ": " + reason + " (" + TransientFailure.rootMessage(e) + ")", reason, e);
            }
            String unreachable = unreachable(e);
            if (unreachable != null) {
                throw new LlmFailedException(unreachable, e);
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

    /** "HTTP 503", "throttled, HTTP 429", "timed out after 2 min": what a progress line says. */
    String transientReason(Throwable e) {
        if (TransientFailure.causedByTimeout(e) || has(e, dev.langchain4j.exception.TimeoutException.class)) {
            return timeout == null ? "timed out" : "timed out after " + LlmRetryPolicy.human(timeout);
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpException h) {
                return h.statusCode() == 429 ? "throttled, HTTP 429" : "HTTP " + h.statusCode();
            }
        }
        if (has(e, RateLimitException.class)) {
            return "throttled";
        }
        if (has(e, InternalServerException.class)) {
            return "server error";
        }
        return TransientFailure.rootMessage(e);
    }

    /**
     * The one-line message for an endpoint that cannot be reached at all, or null. The JDK HTTP
     * client reports a refused connection as a ConnectException without a message, caused by a
     * ClosedChannelException, which is all the root message would say.
     */
    String unreachable(Throwable e) {
        String where = endpoint == null ? "LLM " + name : endpoint;
        if (has(e, UnresolvedModelServerException.class)
                || has(e, UnknownHostException.class)
                || has(e, UnresolvedAddressException.class)) {
            return "cannot resolve the host of " + where + " — check the LLM URL (" + urlSetting + ")";
        }
        if (has(e, ConnectException.class)) {
            return "connection refused at " + where + " — is the LLM server running?";
        }
        return null;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}

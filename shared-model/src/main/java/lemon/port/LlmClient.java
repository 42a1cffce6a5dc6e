package lemon.port;

/**
 * A chat LLM reduced to what the stages need: a system and a user message in, text out. The
 * functions module adapts LangChain4j's ChatModel (OpenAI-compatible, Bedrock, local GGUF) to it.
 * Implementations throw on transport errors and timeouts, a {@link TransientFailure} for those
 * worth retrying later (timeouts, throttling, 5xx); callers decide about retries.
 */
public interface LlmClient {
    /** Provider and model, for the manifest ("openai-compatible:llama-2-7b-chat@http://…"). */
    String name();

    String chat(String system, String user);

    /** An answer and the tokens it took, as the provider counted them (0 where it does not say). */
    record Answer(String text, long inputTokens, long outputTokens) {}

    /** {@link #chat} with the token counts, for the run's cost; clients that cannot count report none. */
    default Answer ask(String system, String user) {
        return new Answer(chat(system, user), 0, 0);
    }
}

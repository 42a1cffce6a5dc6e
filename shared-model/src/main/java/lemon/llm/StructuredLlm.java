package lemon.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.function.Function;
import lemon.port.LlmClient;
import lemon.port.TransientFailure;
import lemon.run.Json;

/**
 * Asks an LLM for JSON that must bind to a record and pass our checks. A malformed answer is
 * first repaired locally (code fences, prose around the object); if it still fails, the model is
 * asked again with the problem spelled out. After {@code maxAttempts} the stage fails clearly.
 * A {@link TransientFailure} from the client (timeout, throttling, 5xx) is not retried here: the
 * client's {@link RetryingLlmClient} has already retried it with back-off, so it propagates and
 * the workflow's Retry runs the stage again later. An {@link LlmFailedException} from the client
 * (nothing listening at the URL, the stage deadline passed) propagates too: asking again at once
 * cannot help.
 */
public final class StructuredLlm {
    private final LlmClient client;
    private final int maxAttempts;

    public StructuredLlm(LlmClient client, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.client = client;
        this.maxAttempts = maxAttempts;
    }

    public String name() {
        return client.name();
    }

    /**
     * @param problems returns what is wrong with a parsed answer (empty list = acceptable)
     */
    public <T> T ask(String system, String user, Class<T> type, Function<T, List<String>> problems) {
        String prompt = user;
        String lastProblem = null;
        RuntimeException lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String answer;
            try {
                answer = client.chat(system, prompt);
            } catch (TransientFailure | LlmFailedException e) {
                throw e;
            } catch (RuntimeException e) {
                lastError = e;
                lastProblem = "the call failed: " + describe(e);
                continue;
            }
            try {
                T value = Json.MAPPER.readValue(extractJson(answer), type);
                List<String> found = value == null ? List.of("the answer was empty") : problems.apply(value);
                if (found.isEmpty()) {
                    return value;
                }
                lastProblem = String.join("; ", found);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                lastProblem = "the answer was not valid JSON for the requested schema ("
                        + e.getMessage().lines().findFirst().orElse("") + ")";
            }
            lastError = null;
            prompt = user + "\n\nYour previous answer could not be used: " + lastProblem
                    + ". Answer again with only the JSON object described above.";
        }
        throw new LlmFailedException(
                "LLM " + client.name() + " gave no usable answer after " + maxAttempts + " attempt(s); last problem: "
                        + lastProblem,
                lastError);
    }

    /** The outermost JSON object in an answer that may wrap it in prose or a ``` fence. */
    static String extractJson(String answer) {
        if (answer == null) {
            throw new IllegalArgumentException("no answer");
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no JSON object in the answer");
        }
        return answer.substring(start, end + 1);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? msg : e.getClass().getSimpleName() + " (" + msg + ")";
    }
}

package lemon.vision;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import java.util.Base64;
import java.util.Objects;
import lemon.llm.ChatModelClient;
import lemon.llm.LlmRetryPolicy;
import lemon.llm.RetryingLlmClient;
import lemon.port.CompatibilityValidator;
import lemon.port.LlmClient;
import lemon.port.Progress;
import lemon.vision.UnusableAnswerException.Kind;

/**
 * The compatibility validator over a vision-capable chat model (OpenAI-compatible, Bedrock): the
 * PNG goes as an image beside {@link VisionQuestion#PROMPT} in one user turn, and the JSON answer
 * becomes the verdict. The whole prompt is the user turn, without a system message: some vision
 * models' chat templates (Llama 3.2 Vision among them) do not take one beside an image.
 *
 * <p>Faults: a timeout, throttling (429) or server error (5xx) is retried under the
 * {@link LlmRetryPolicy} as for text LLM calls (progress lines, the stage deadline) and then
 * surfaces as a {@link lemon.port.TransientFailure}. An unusable answer is asked once more with
 * the problem spelled out; a second unusable answer, or a refusal at once, is an
 * {@link UnusableAnswerException} that quotes it.
 */
public final class VisionLlmValidator implements CompatibilityValidator {
    /** One ask and one re-ask after an unusable answer. */
    static final int ATTEMPTS = 2;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final ChatModelClient client;
    private final LlmRetryPolicy policy;
    private final Progress progress;

    /**
     * @param client the vision model, named "provider:model@where" for the run manifest
     * @param policy retries after transient faults; {@code null} for none (one call, its fault thrown)
     * @param progress where retry lines go
     */
    public VisionLlmValidator(ChatModelClient client, LlmRetryPolicy policy, Progress progress) {
        this.client = Objects.requireNonNull(client);
        this.policy = policy;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public Verdict inspect(byte[] png) {
        if (png == null || !isPng(png)) {
            throw new IllegalArgumentException("the validator needs a PNG image, got "
                    + (png == null ? "nothing" : png.length + " bytes without the PNG signature"));
        }
        LlmClient calls = askingAbout(Base64.getEncoder().encodeToString(png));
        String prompt = VisionQuestion.PROMPT;
        UnusableAnswerException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String answer = calls.chat("", prompt);
            try {
                return VisionQuestion.parse(answer);
            } catch (UnusableAnswerException e) {
                last = e;
                if (e.kind() == Kind.REFUSED) {
                    throw new UnusableAnswerException(
                            Kind.REFUSED,
                            "vision model " + name() + " refused to count the people in the image and tell their"
                                    + " genders; it answered: " + e.answer(),
                            e.answer());
                }
                prompt = VisionQuestion.reask(e.getMessage());
            }
        }
        throw new UnusableAnswerException(
                last.kind(),
                "vision model " + name() + " gave no usable answer to the people and gender questions after " + ATTEMPTS
                        + " attempts: " + last.getMessage() + "; it answered: " + last.answer(),
                last.answer());
    }

    /**
     * The model as a text client that always shows it this image; the system text is not sent
     * (see the class comment). Retries, where configured, go around each call.
     */
    private LlmClient askingAbout(String base64Png) {
        LlmClient bare = new LlmClient() {
            @Override
            public String name() {
                return client.name();
            }

            @Override
            public String chat(String unusedSystem, String user) {
                return client.chat(UserMessage.from(
                        TextContent.from(user),
                        ImageContent.from(base64Png, "image/png", ImageContent.DetailLevel.AUTO)));
            }
        };
        return policy == null ? bare : new RetryingLlmClient(bare, policy, progress);
    }

    static boolean isPng(byte[] bytes) {
        if (bytes.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}

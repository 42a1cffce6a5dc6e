package lemon.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lemon.run.Json;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * A SageMaker real-time endpoint (where hosted Llama-2 commonly lives) as a LangChain4j ChatModel:
 * each chat is one InvokeEndpoint call, {@code POST /endpoints/NAME/invocations}, signed with
 * SigV4 by the AWS SDK's signer with credentials from the SDK's provider chain. The SDK's own
 * sagemakerruntime client is not used because the build's Maven mirror does not serve it; the call
 * itself is one JSON POST, which the JDK's HTTP client sends.
 *
 * <p>Faults are raised as LangChain4j's exceptions so that {@link ChatModelClient} classifies them
 * as it does OpenAI's and Bedrock's: throttling (429, ThrottlingException, ModelNotReady), 5xx, a
 * model container's 5xx or time-out, and our own timeout are retriable; an unknown endpoint,
 * refused credentials and other 4xx are not, and their messages name the endpoint and region.
 */
public final class SageMakerChatModel implements ChatModel {
    /** The request body the endpoint's container understands (lemon.llm.sagemaker-format). */
    public enum Format {
        /** The OpenAI-style Messages API of TGI (1.4 and later) and LMI containers. */
        MESSAGES,
        /** TGI's text generation, as JumpStart's Llama-2 endpoints take it: one Llama-2 chat prompt. */
        TGI;

        public static Format parse(String value) {
            for (Format f : values()) {
                if (f.setting().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unknown lemon.llm.sagemaker-format '" + value + "'; use messages or tgi");
        }

        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * TGI's own default is 20 new tokens, far too few for a JSON answer; 1024 leaves room for a
     * long prompt within Llama-2's 4096-token context.
     */
    static final int DEFAULT_MAX_TOKENS = 1024;

    static final double DEFAULT_TEMPERATURE = 0.2;

    /** What SageMaker accepts as an endpoint name; anything else would change the URL's path. */
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

    private static final Pattern ENDPOINT_NOT_FOUND = Pattern.compile("(?i)endpoint\\b.*\\bnot found");

    private static final Set<String> AUTH_ERRORS = Set.of(
            "AccessDeniedException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "IncompleteSignature",
            "MissingAuthenticationToken",
            "ExpiredTokenException",
            "InvalidClientTokenId");

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final String endpointName;
    private final String region;
    private final URI invocationUrl;
    private final Format format;
    private final Duration timeout;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;
    private final int maxTokens;
    private final HttpClient http;

    private SageMakerChatModel(Builder b) {
        if (b.endpointName == null || !ENDPOINT_NAME.matcher(b.endpointName).matches()) {
            throw new IllegalArgumentException("'" + b.endpointName + "' is not a SageMaker endpoint name (letters,"
                    + " digits and hyphens, at most 63): set lemon.llm.model or --llm-model to the endpoint's name");
        }
        if (b.region == null || b.region.isBlank()) {
            throw new IllegalArgumentException(
                    "the SageMaker endpoint's region is not set: configure lemon.llm.region");
        }
        this.endpointName = b.endpointName;
        this.region = b.region;
        this.invocationUrl = invocationUrl(b.endpointUrl, b.region, b.endpointName);
        this.format = Objects.requireNonNull(b.format);
        this.timeout = Objects.requireNonNull(b.timeout);
        this.credentials = Objects.requireNonNull(b.credentials);
        this.clock = Objects.requireNonNull(b.clock);
        this.maxTokens = b.maxTokens;
        // HTTP/1.1 as the SDK's own clients speak it; a plain-http override would otherwise be
        // offered an h2c upgrade
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The regional runtime endpoint (in the region's partition: amazonaws.com, amazonaws.com.cn…)
     * unless {@code endpointUrl} overrides it, e.g. with a VPC endpoint's URL or a test's stand-in.
     */
    static URI invocationUrl(String endpointUrl, String region, String endpointName) {
        String base = endpointUrl == null || endpointUrl.isBlank()
                ? "https://runtime.sagemaker." + region + "."
                        + PartitionMetadata.of(Region.of(region)).dnsSuffix()
                : endpointUrl.strip().replaceAll("/+$", "");
        return URI.create(base + "/endpoints/" + endpointName + "/invocations");
    }

    public URI invocationUrl() {
        return invocationUrl;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        byte[] body = requestBody(request);
        HttpResponse<byte[]> response = send(body);
        if (response.statusCode() / 100 != 2) {
            throw fault(
                    response.statusCode(),
                    response.headers().firstValue("x-amzn-ErrorType").orElse(""),
                    response.body());
        }
        return answer(response.body());
    }

    private byte[] requestBody(ChatRequest request) {
        int max = request.maxOutputTokens() != null ? request.maxOutputTokens() : maxTokens;
        double temperature = request.temperature() != null ? request.temperature() : DEFAULT_TEMPERATURE;
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (format == Format.MESSAGES) {
            ArrayNode messages = root.putArray("messages");
            for (ChatMessage m : request.messages()) {
                messages.addObject().put("role", role(m)).put("content", text(m));
            }
            root.put("max_tokens", max).put("temperature", temperature);
        } else {
            root.put("inputs", llama2Prompt(request.messages()));
            root.putObject("parameters")
                    .put("max_new_tokens", max)
                    .put("temperature", temperature)
                    .put("return_full_text", false);
        }
        try {
            return COMPACT.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Llama-2 chat's prompt template: the system prompt inside the first instruction between
     * {@code <<SYS>>} markers, each user turn in {@code [INST] … [/INST]}, each earlier answer
     * after it closed by {@code </s>}; the model writes the answer to the last turn.
     */
    static String llama2Prompt(List<ChatMessage> messages) {
        String system = messages.stream()
                .filter(m -> m instanceof SystemMessage)
                .map(SageMakerChatModel::text)
                .collect(Collectors.joining("\n"));
        StringBuilder prompt = new StringBuilder();
        boolean first = true;
        for (ChatMessage m : messages) {
            if (m instanceof UserMessage) {
                String turn = text(m);
                if (first && !system.isBlank()) {
                    turn = "<<SYS>>\n" + system.strip() + "\n<</SYS>>\n\n" + turn;
                }
                first = false;
                prompt.append("<s>[INST] ").append(turn.strip()).append(" [/INST]");
            } else if (m instanceof AiMessage) {
                prompt.append(' ').append(text(m).strip()).append(" </s>");
            }
        }
        if (first) {
            throw new IllegalArgumentException("a Llama-2 prompt needs a user message");
        }
        return prompt.toString();
    }

    private static String role(ChatMessage m) {
        return switch (m.type()) {
            case SYSTEM -> "system";
            case USER -> "user";
            case AI -> "assistant";
            default ->
                throw new UnsupportedFeatureException(
                        "the SageMaker chat model sends text turns only, not " + m.type());
        };
    }

    private static String text(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof AiMessage a) {
            return a.text() == null ? "" : a.text();
        }
        if (m instanceof UserMessage u) {
            StringBuilder t = new StringBuilder();
            for (Content c : u.contents()) {
                if (!(c instanceof TextContent tc)) {
                    throw new UnsupportedFeatureException("the SageMaker chat model sends text only, not " + c.type());
                }
                t.append(t.isEmpty() ? "" : "\n").append(tc.text());
            }
            return t.toString();
        }
        throw new UnsupportedFeatureException("the SageMaker chat model sends text turns only, not " + m.type());
    }

    private HttpResponse<byte[]> send(byte[] body) {
        SignedRequest signed = sign(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(invocationUrl)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // the JDK client writes Host (the same host and port that were signed) and Content-Length
        // itself and refuses them from us
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(where() + " did not answer within " + LlmRetryPolicy.human(timeout), e);
        } catch (IOException e) {
            // a refused connection or unknown host stays in the cause chain, where ChatModelClient
            // finds it and names the URL
            throw new LangChain4jException(where() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LangChain4jException("interrupted while waiting for " + where(), e);
        }
    }

    private SignedRequest sign(byte[] body) {
        AwsCredentials identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new AuthenticationException("no AWS credentials to call " + where() + ": " + e.getMessage());
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(invocationUrl)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .build();
        return SIGNER.sign(r -> r.identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    private ChatResponse answer(byte[] body) {
        JsonNode root = parse(body);
        String text;
        Integer in = null;
        Integer out = null;
        if (format == Format.MESSAGES) {
            JsonNode content = root == null
                    ? null
                    : root.path("choices").path(0).path("message").path("content");
            if (content == null || !content.isTextual()) {
                throw malformed("{\"choices\": [{\"message\": {\"content\": \"…\"}}]}", body, root);
            }
            text = content.asText();
            in = count(root.path("usage").path("prompt_tokens"));
            out = count(root.path("usage").path("completion_tokens"));
        } else {
            // TGI answers a list of one generation; some containers send the object alone
            JsonNode generation = root == null ? null : root.isArray() ? root.path(0) : root;
            JsonNode generated = generation == null ? null : generation.path("generated_text");
            if (generated == null || !generated.isTextual()) {
                throw malformed("[{\"generated_text\": \"…\"}]", body, root);
            }
            text = generated.asText();
            out = count(generation.path("details").path("generated_tokens"));
        }
        ChatResponse.Builder response =
                ChatResponse.builder().aiMessage(AiMessage.from(text)).modelName(endpointName);
        if (in != null || out != null) {
            response.tokenUsage(new TokenUsage(in, out));
        }
        return response.build();
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Integer count(JsonNode n) {
        return n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
    }

    private LangChain4jException malformed(String expected, byte[] body, JsonNode root) {
        String hint = "";
        if (root != null
                && format == Format.MESSAGES
                && !root.findPath("generated_text").isMissingNode()) {
            hint = " (that is the tgi format's answer: set lemon.llm.sagemaker-format=tgi)";
        } else if (root != null && format == Format.TGI && root.has("choices")) {
            hint = " (that is the messages format's answer: set lemon.llm.sagemaker-format=messages)";
        }
        return new LangChain4jException(where() + " gave an answer that does not fit the " + format.setting()
                + " format: expected " + expected + ", got " + snippet(body) + hint);
    }

    /**
     * The exception for an error answer. SageMaker names its error in x-amzn-ErrorType
     * ("ValidationError:http://…") and says more in the body's message; a ModelError (HTTP 424)
     * carries the model container's own status in OriginalStatusCode. Transient ones carry an
     * HttpException with the status that the progress line then shows.
     */
    RuntimeException fault(int status, String errorTypeHeader, byte[] body) {
        JsonNode json = parse(body);
        String type = errorTypeHeader.contains(":")
                ? errorTypeHeader.substring(0, errorTypeHeader.indexOf(':'))
                : errorTypeHeader;
        if (type.isBlank() && json != null && json.path("__type").isTextual()) {
            String t = json.path("__type").asText();
            type = t.substring(t.lastIndexOf('#') + 1);
        }
        boolean modelError = type.equals("ModelError") || (json != null && json.has("OriginalStatusCode"));
        Integer original = json == null ? null : count(json.path("OriginalStatusCode"));
        String message = json == null
                ? ""
                : json.path("message").asText(json.path("Message").asText(""));
        if (message.isBlank()) {
            message = snippet(body);
        }
        String said = "HTTP " + status + (type.isBlank() ? "" : " " + type) + ": " + message;
        int shown = modelError && original != null ? original : status;

        if (status == 429 || type.contains("Throttl") || type.equals("ModelNotReadyException") || shown == 429) {
            String m = where() + " is throttling calls (" + said + ")";
            return shown == 429 ? new RateLimitException(m, new HttpException(429, m)) : new RateLimitException(m);
        }
        if (status >= 500 || (modelError && (shown >= 500 || message.contains("timed out")))) {
            String m = where() + " failed (" + said + ")";
            return new InternalServerException(m, new HttpException(shown, m));
        }
        if (!modelError && (status == 404 || ENDPOINT_NOT_FOUND.matcher(message).find())) {
            return new ModelNotFoundException("SageMaker endpoint '" + endpointName + "' was not found in region "
                    + region + " (" + said + "); check the endpoint name (lemon.llm.model or --llm-model) and"
                    + " lemon.llm.region");
        }
        if (status == 401 || status == 403 || AUTH_ERRORS.contains(type)) {
            return new AuthenticationException(where() + " refused the call (" + said
                    + "); the credentials need sagemaker:InvokeEndpoint on the endpoint");
        }
        if (modelError) {
            return new InvalidRequestException(where() + ": the model container refused the request (" + said
                    + "); check that lemon.llm.sagemaker-format (" + format.setting()
                    + ") is the payload this container takes");
        }
        return new InvalidRequestException(where() + " refused the request (" + said + ")");
    }

    private String where() {
        return "SageMaker endpoint '" + endpointName + "' in " + region;
    }

    private static String snippet(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return "an empty body";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    public static final class Builder {
        private String endpointName;
        private String region;
        private String endpointUrl;
        private Format format = Format.MESSAGES;
        private Duration timeout = Duration.ofSeconds(120);
        private AwsCredentialsProvider credentials;
        private Clock clock = Clock.systemUTC();
        private int maxTokens = DEFAULT_MAX_TOKENS;

        private Builder() {}

        public Builder endpointName(String name) {
            this.endpointName = name;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Another runtime URL than the region's ("https://vpce-….runtime.sagemaker…"); null for none. */
        public Builder endpointUrl(String url) {
            this.endpointUrl = url;
            return this;
        }

        public Builder format(Format format) {
            this.format = format;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The signing time; tests fix it. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max tokens must be at least 1");
            }
            this.maxTokens = maxTokens;
            return this;
        }

        public SageMakerChatModel build() {
            return new SageMakerChatModel(this);
        }
    }
}

package lemon.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import lemon.llm.ChatModelClient;
import lemon.llm.StructuredLlm;
import lemon.run.Json;
import org.junit.jupiter.api.Test;

/**
 * A fault of the LLM travels as a real one would: LangChain4j ChatModel → our ChatModelClient →
 * StructuredLlm → a stage → the runner, which retries it as the ASL says. (The stand-in stage is
 * not a @Funq method: Quarkus would export it, and need its ChatModel, in every @QuarkusTest.)
 */
class TransientFaultTest {
    static final String ARN = "arn:aws:lambda:${aws_region}:${account_id}:function:lemon-";

    /** Same Retry and Catch as every Task of terraform/statemachine/lemon.asl.json. */
    static final String ASL = """
            {'StartAt': 'Describe', 'States': {
              'Describe': {'Type': 'Task', 'Resource': '%sdescribe', 'ResultPath': '$.answer',
                'Retry': [{'ErrorEquals': ['States.Timeout', 'Lemon.Transient'], 'IntervalSeconds': 2,
                           'MaxAttempts': 2, 'BackoffRate': 2}],
                'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.failure', 'Next': 'Failed'}],
                'End': true},
              'Failed': {'Type': 'Fail', 'Error': 'Lemon.StageFailed', 'Cause': 'see failure'}}}
            """.formatted(ARN).replace('\'', '"');

    /** A ChatModel that plays a script: each call takes the next reply or fault. */
    static final class ScriptedChatModel implements ChatModel {
        final Deque<Supplier<String>> script = new ArrayDeque<>();
        int calls;

        ScriptedChatModel fail(RuntimeException e) {
            script.add(() -> {
                throw e;
            });
            return this;
        }

        ScriptedChatModel answer(String text) {
            script.add(() -> text);
            return this;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls++;
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(
                            script.isEmpty() ? "no more" : script.poll().get()))
                    .build();
        }
    }

    public record Description(String description) {}

    /** A stand-in stage: one structured LLM question, as the describe stage asks it. */
    static final class DescribeStage {
        final StructuredLlm llm;

        DescribeStage(ChatModel model) {
            llm = new StructuredLlm(new ChatModelClient("scripted", model), 3);
        }

        public Description describe(Object input) {
            return llm.ask(
                    "Describe the character.",
                    "Ali Baba",
                    Description.class,
                    d -> d.description() == null ? List.of("no description") : List.of());
        }
    }

    final List<String> events = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();

    ExecutionResult run(ChatModel model) {
        ExecutionListener recorder = new ExecutionListener() {
            @Override
            public void stateFailed(String name, String error, String cause) {
                events.add("fail " + name + " " + error);
            }

            @Override
            public void retrying(String name, int attempt, String error) {
                events.add("retry " + name + " #" + attempt + " " + error);
            }
        };
        DescribeStage stage = new DescribeStage(model);
        TaskDispatcher dispatcher = (fn, in) -> Json.MAPPER.valueToTree(stage.describe(in));
        return new LocalWorkflowRunner(AslStateMachine.parse(ASL), dispatcher, recorder)
                .withSleeper(sleeps::add)
                .run(LocalWorkflowRunnerTest.json("{'runId': 'r'}"));
    }

    @Test
    void anLlmTimeoutIsRetriedByTheWorkflowAndTheExecutionSucceeds() {
        // what LangChain4j's exception mapper makes of the JDK HTTP client's timeout
        ScriptedChatModel model = new ScriptedChatModel()
                .fail(new LangChain4jException(new HttpTimeoutException("request timed out")))
                .answer("{\"description\": \"a poor woodcutter in a brown tunic\"}");
        ExecutionResult r = run(model);
        assertTrue(r.succeeded(), r.error() + ": " + r.cause());
        assertEquals(
                "a poor woodcutter in a brown tunic",
                r.output().at("/answer/description").asText());
        assertEquals(2, model.calls, "StructuredLlm left the timeout to the workflow, which asked again");
        assertEquals(List.of("retry Describe #1 Lemon.Transient"), events);
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void throttlingThatLastsIsRetriedTwiceThenCaught() {
        ScriptedChatModel model = new ScriptedChatModel();
        for (int i = 0; i < 3; i++) {
            model.fail(new dev.langchain4j.exception.RateLimitException("429 Too Many Requests"));
        }
        ExecutionResult r = run(model);
        assertEquals("Lemon.StageFailed", r.error());
        assertEquals(3, model.calls);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeps);
        assertEquals(
                List.of(
                        "retry Describe #1 Lemon.Transient",
                        "retry Describe #2 Lemon.Transient",
                        "fail Describe Lemon.Transient",
                        "fail Failed Lemon.StageFailed"),
                events);
    }

    @Test
    void aNonTransientErrorIsNotRetried() {
        ScriptedChatModel model = new ScriptedChatModel().fail(new AuthenticationException("401 invalid api key"));
        ExecutionResult r = run(model);
        assertEquals("Lemon.StageFailed", r.error());
        // StructuredLlm's own bounded re-asks are for unusable answers; the runner adds none
        assertEquals(List.of(), sleeps);
        assertEquals(List.of("fail Describe Lemon.Permanent", "fail Failed Lemon.StageFailed"), events);
    }
}

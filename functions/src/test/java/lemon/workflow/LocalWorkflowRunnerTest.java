package lemon.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lemon.workflow.ExecutionResult.Status;
import org.junit.jupiter.api.Test;

class LocalWorkflowRunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ARN = "arn:aws:lambda:${aws_region}:${account_id}:function:lemon-";

    final List<String> events = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();

    final ExecutionListener recorder = new ExecutionListener() {
        @Override
        public void stateEntered(String name, String type, JsonNode input) {
            events.add("enter " + name);
        }

        @Override
        public void stateExited(String name, JsonNode output, long millis) {
            events.add("exit " + name);
        }

        @Override
        public void stateFailed(String name, String error, String cause) {
            events.add("fail " + name + " " + error);
        }

        @Override
        public void retrying(String name, int attempt, String error) {
            events.add("retry " + name + " #" + attempt + " " + error);
        }
    };

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    ExecutionResult run(String asl, String input, TaskDispatcher dispatcher) {
        return new LocalWorkflowRunner(AslStateMachine.parse(asl.replace('\'', '"')), dispatcher, recorder)
                .withSleeper(sleeps::add)
                .run(json(input));
    }

    /** Adds {"<function>": true} to the object it gets. */
    static final TaskDispatcher MARK = (fn, in) -> ((ObjectNode) in).put(fn, true);

    @Test
    void linearTasksPassOutputToInput() {
        String asl = """
                {'StartAt': 'A', 'States': {
                  'A': {'Type': 'Task', 'Resource': '%1$sfirst', 'Next': 'B'},
                  'B': {'Type': 'Task', 'Resource': '%1$ssecond', 'End': true}}}
                """.formatted(ARN);
        List<String> calls = new ArrayList<>();
        ExecutionResult r = run(asl, "{'runId': 'r1'}", (fn, in) -> {
            calls.add(fn + " " + in);
            return MARK.invoke(fn, in);
        });
        assertEquals(Status.SUCCEEDED, r.status());
        assertEquals(json("{'runId': 'r1', 'first': true, 'second': true}"), r.output());
        assertEquals(List.of("first {\"runId\":\"r1\"}", "second {\"runId\":\"r1\",\"first\":true}"), calls);
        assertEquals(List.of("enter A", "exit A", "enter B", "exit B"), events);
        assertEquals(List.of("A", "B"), r.history().stream().map(ExecutionResult.StateRun::name).toList());
        assertEquals("Task", r.history().get(0).type());
        assertTrue(r.history().get(0).endMillis() >= r.history().get(0).startMillis());
    }

    static final String CHOICE = """
            {'StartAt': 'Pick', 'States': {
              'Pick': {'Type': 'Choice', 'Choices': [
                  {'Variable': '$.status', 'StringEquals': 'rejected', 'Next': 'Rejected'},
                  {'And': [{'Variable': '$.n', 'NumericGreaterThanEquals': 10},
                           {'Not': {'Variable': '$.small', 'BooleanEquals': true}}], 'Next': 'Big'},
                  {'Or': [{'Variable': '$.missing', 'IsPresent': true},
                          {'Variable': '$.nothing', 'IsNull': true}], 'Next': 'Odd'},
                  {'Variable': '$.n', 'NumericLessThanPath': '$.limit', 'Next': 'Small'}],
                'Default': 'Other'},
              'Rejected': {'Type': 'Fail', 'Error': 'Rejected', 'Cause': 'input rejected'},
              'Big': {'Type': 'Pass', 'Result': 'big', 'End': true},
              'Odd': {'Type': 'Pass', 'Result': 'odd', 'End': true},
              'Small': {'Type': 'Pass', 'Result': 'small', 'End': true},
              'Other': {'Type': 'Succeed'}}}
            """;

    @Test
    void choiceFollowsTheFirstMatchingRule() {
        ExecutionResult rejected = run(CHOICE, "{'status': 'rejected', 'n': 50}", MARK);
        assertEquals(Status.FAILED, rejected.status());
        assertEquals("Rejected", rejected.error());
        assertEquals("input rejected", rejected.cause());

        assertEquals(json("'big'"), run(CHOICE, "{'status': 'ok', 'n': 10, 'small': false}", MARK).output());
        assertEquals(json("'odd'"), run(CHOICE, "{'status': 'ok', 'n': 10, 'small': true, 'nothing': null}", MARK).output());
        assertEquals(json("'small'"),
                run(CHOICE, "{'status': 'ok', 'n': 3, 'small': true, 'limit': 5, 'nothing': 0}", MARK).output());
        assertEquals(json("{'status': 'ok', 'n': 7, 'small': true, 'limit': 5, 'nothing': 0}"),
                run(CHOICE, "{'status': 'ok', 'n': 7, 'small': true, 'limit': 5, 'nothing': 0}", MARK).output());
        // a value of the wrong type is "no match", not an error
        assertEquals(json("{'status': 1, 'n': 'ten', 'limit': 5, 'nothing': 0}"),
                run(CHOICE, "{'status': 1, 'n': 'ten', 'limit': 5, 'nothing': 0}", MARK).output());
        // a missing Variable is a runtime error, as in Step Functions
        assertEquals("States.Runtime", run(CHOICE, "{'n': 1}", MARK).error());
    }

    @Test
    void choiceWithoutMatchOrDefaultFails() {
        String asl = """
                {'StartAt': 'C', 'States': {
                  'C': {'Type': 'Choice', 'Choices': [{'Variable': '$.x', 'StringEquals': 'a', 'Next': 'S'}]},
                  'S': {'Type': 'Succeed'}}}
                """;
        ExecutionResult r = run(asl, "{'x': 'b'}", MARK);
        assertEquals("States.NoChoiceMatched", r.error());
        ExecutionResult missing = run(asl, "{}", MARK);
        assertEquals("States.Runtime", missing.error());
        assertTrue(missing.cause().contains("$.x"), missing.cause());
    }

    @Test
    void mapRunsTheProcessorPerItemWithItemSelector() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'ItemsPath': '$.characters', 'MaxConcurrency': 4,
                    'ItemSelector': {'runId.$': '$.runId', 'name.$': '$$.Map.Item.Value.name',
                                     'index.$': '$$.Map.Item.Index', 'fixed': 'x'},
                    'ItemProcessor': {'ProcessorConfig': {'Mode': 'INLINE'}, 'StartAt': 'Portrait', 'States': {
                      'Portrait': {'Type': 'Task', 'Resource': '%sportrait', 'End': true}}},
                    'ResultPath': '$.portraits', 'Next': 'Done'},
                  'Done': {'Type': 'Succeed'}}}
                """.formatted(ARN);
        List<String> calls = new ArrayList<>();
        ExecutionResult r = run(asl, "{'runId': 'r', 'characters': [{'name': 'Ann'}, {'name': 'Bo'}]}", (fn, in) -> {
            calls.add(in.toString());
            return json("{'portrait': '" + in.get("name").asText() + ".png'}");
        });
        assertEquals(Status.SUCCEEDED, r.status(), r.cause());
        assertEquals(List.of("{\"runId\":\"r\",\"name\":\"Ann\",\"index\":0,\"fixed\":\"x\"}",
                "{\"runId\":\"r\",\"name\":\"Bo\",\"index\":1,\"fixed\":\"x\"}"), calls);
        assertEquals(json("[{'portrait': 'Ann.png'}, {'portrait': 'Bo.png'}]"), r.output().get("portraits"));
        assertEquals("r", r.output().get("runId").asText());
        assertEquals(List.of("enter Each", "enter Portrait", "exit Portrait", "enter Portrait", "exit Portrait",
                "exit Each", "enter Done", "exit Done"), events);
    }

    @Test
    void mapWithoutSelectorGetsItemsAndFailsWhenAnItemFails() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'Iterator': {'StartAt': 'T', 'States': {
                      'T': {'Type': 'Task', 'Resource': '%sdouble', 'End': true}}},
                    'Catch': [{'ErrorEquals': ['Odd'], 'ResultPath': '$.error', 'Next': 'Caught'}], 'End': true},
                  'Caught': {'Type': 'Pass', 'End': true}}}
                """.formatted(ARN);
        TaskDispatcher doubler = (fn, in) -> {
            if (in.asInt() % 2 == 1) {
                throw new WorkflowException("Odd", "odd item " + in);
            }
            return JSON.getNodeFactory().numberNode(in.asInt() * 2);
        };
        assertEquals(json("[4, 8]"), run(asl, "[2, 4]", doubler).output());
        // the whole Map fails; its Catch needs an object input to place the error
        ExecutionResult r = run(asl, "[2, 3]", doubler);
        assertEquals("States.Runtime", r.error());
    }

    @Test
    void mapItemFailureIsCaughtByTheMapState() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'ItemsPath': '$.items', 'ItemProcessor': {'StartAt': 'T', 'States': {
                      'T': {'Type': 'Task', 'Resource': '%sboom', 'End': true}}},
                    'Catch': [{'ErrorEquals': ['Boom'], 'ResultPath': '$.error', 'Next': 'Caught'}], 'End': true},
                  'Caught': {'Type': 'Pass', 'End': true}}}
                """.formatted(ARN);
        ExecutionResult r = run(asl, "{'items': [1]}", (fn, in) -> {
            throw new WorkflowException("Boom", "bad item");
        });
        assertEquals(json("{'items': [1], 'error': {'Error': 'Boom', 'Cause': 'bad item'}}"), r.output());
    }

    @Test
    void passWithResultParametersAndResultPath() {
        String asl = """
                {'StartAt': 'P1', 'States': {
                  'P1': {'Type': 'Pass', 'Result': {'k': 1}, 'ResultPath': '$.deep.er', 'Next': 'P2'},
                  'P2': {'Type': 'Pass', 'Parameters': {'copy.$': '$.deep.er.k', 'first.$': '$.list[0]',
                         'state.$': '$$.State.Name', 'nested': {'id.$': '$.id'}}, 'ResultPath': '$.p', 'Next': 'P3'},
                  'P3': {'Type': 'Pass', 'ResultPath': null, 'Result': 'ignored', 'Next': 'P4'},
                  'P4': {'Type': 'Pass', 'End': true}}}
                """;
        ExecutionResult r = run(asl, "{'id': 'x', 'list': ['a', 'b']}", MARK);
        assertEquals(json("""
                {'id': 'x', 'list': ['a', 'b'], 'deep': {'er': {'k': 1}},
                 'p': {'copy': 1, 'first': 'a', 'state': 'P2', 'nested': {'id': 'x'}}}"""), r.output());
    }

    @Test
    void inputPathOutputPathAndResultSelector() {
        String asl = """
                {'StartAt': 'T', 'States': {
                  'T': {'Type': 'Task', 'Resource': '%secho', 'InputPath': '$.job',
                        'ResultSelector': {'answer.$': '$.out'}, 'ResultPath': '$.result',
                        'OutputPath': '$.result', 'End': true}}}
                """.formatted(ARN);
        List<JsonNode> seen = new ArrayList<>();
        ExecutionResult r = run(asl, "{'job': {'q': 1}, 'other': 2}", (fn, in) -> {
            seen.add(in);
            return json("{'out': 42, 'noise': true}");
        });
        assertEquals(List.of(json("{'q': 1}")), seen);
        assertEquals(json("{'answer': 42}"), r.output());

        ExecutionResult bad = run(asl, "{'other': 2}", MARK);
        assertEquals("States.Runtime", bad.error());
        assertTrue(bad.cause().contains("InputPath '$.job'"), bad.cause());
    }

    static final String RETRY = """
            {'StartAt': 'Flaky', 'States': {
              'Flaky': {'Type': 'Task', 'Resource': '%sflaky',
                'Retry': [{'ErrorEquals': ['Lemon.Transient', 'States.Timeout'], 'IntervalSeconds': 2,
                           'MaxAttempts': 2, 'BackoffRate': 3}],
                'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.failure', 'Next': 'Record'}],
                'Next': 'Ok'},
              'Record': {'Type': 'Pass', 'Next': 'Failed'},
              'Failed': {'Type': 'Fail', 'Error': 'Lemon.StageFailed', 'Cause': 'see failure'},
              'Ok': {'Type': 'Succeed'}}}
            """.formatted(ARN);

    @Test
    void retryThenSuccess() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(RETRY, "{'runId': 'r'}", (fn, in) -> {
            if (calls.incrementAndGet() < 3) {
                throw new WorkflowException("Lemon.Transient", "try again");
            }
            return in;
        });
        assertEquals(Status.SUCCEEDED, r.status());
        assertEquals(3, calls.get());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(6)), sleeps);
        assertEquals(List.of("enter Flaky", "retry Flaky #1 Lemon.Transient", "retry Flaky #2 Lemon.Transient",
                "exit Flaky", "enter Ok", "exit Ok"), events);
    }

    @Test
    void retryExhaustedThenCatchThenFail() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(RETRY, "{'runId': 'r'}", (fn, in) -> {
            calls.incrementAndGet();
            throw new WorkflowException("States.Timeout", "too slow");
        });
        assertEquals(3, calls.get());
        assertEquals(Status.FAILED, r.status());
        assertEquals("Lemon.StageFailed", r.error());
        assertEquals("see failure", r.cause());
        assertNull(r.output());
        assertEquals(List.of("Flaky", "Record", "Failed"),
                r.history().stream().map(ExecutionResult.StateRun::name).toList());
        assertEquals("States.Timeout", r.history().get(0).error());
        assertTrue(events.contains("fail Flaky States.Timeout"));
        assertTrue(events.contains("fail Failed Lemon.StageFailed"));
    }

    @Test
    void plainExceptionsAreNamedByClassAndNotRetriedUnlessListed() {
        List<JsonNode> recorded = new ArrayList<>();
        String asl = RETRY.replace("'Record': {'Type': 'Pass', 'Next': 'Failed'}",
                "'Record': {'Type': 'Task', 'Resource': '" + ARN + "record', 'ResultPath': null, 'Next': 'Failed'}");
        ExecutionResult r = run(asl, "{'runId': 'r'}", (fn, in) -> {
            if (fn.equals("record")) {
                recorded.add(in);
                return in;
            }
            throw new IllegalStateException("broken");
        });
        assertEquals(List.of(), sleeps);
        assertEquals(List.of(json("{'runId': 'r', 'failure': {'Error': 'IllegalStateException', 'Cause': 'broken'}}")),
                recorded);
        assertEquals("Lemon.StageFailed", r.error());
    }

    @Test
    void taskFailedMatchesAnythingButTimeoutAndUncaughtErrorsFailTheExecution() {
        String asl = """
                {'StartAt': 'T', 'States': {
                  'T': {'Type': 'Task', 'Resource': '%sx', 'Catch': [
                      {'ErrorEquals': ['States.TaskFailed'], 'Next': 'Caught'}], 'End': true},
                  'Caught': {'Type': 'Succeed'}}}
                """.formatted(ARN);
        ExecutionResult caught = run(asl, "{}", (fn, in) -> {
            throw new WorkflowException("Anything", "c");
        });
        assertEquals(json("{'Error': 'Anything', 'Cause': 'c'}"), caught.output());
        ExecutionResult timeout = run(asl, "{}", (fn, in) -> {
            throw new WorkflowException("States.Timeout", "slow");
        });
        assertEquals(Status.FAILED, timeout.status());
        assertEquals("States.Timeout", timeout.error());
        assertEquals("slow", timeout.cause());
    }

    @Test
    void waitUsesTheInjectedSleeper() {
        String asl = """
                {'StartAt': 'W1', 'States': {
                  'W1': {'Type': 'Wait', 'Seconds': 5, 'Next': 'W2'},
                  'W2': {'Type': 'Wait', 'SecondsPath': '$.delay', 'End': true}}}
                """;
        ExecutionResult r = run(asl, "{'delay': 7}", MARK);
        assertTrue(r.succeeded());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(7)), sleeps);
    }

    @Test
    void infiniteLoopsHitTheTransitionLimit() {
        String asl = """
                {'StartAt': 'A', 'States': {
                  'A': {'Type': 'Pass', 'Next': 'B'},
                  'B': {'Type': 'Choice', 'Choices': [{'Variable': '$.stop', 'IsPresent': true, 'Next': 'End'}],
                        'Default': 'A'},
                  'End': {'Type': 'Succeed'}}}
                """;
        ExecutionResult r = new LocalWorkflowRunner(AslStateMachine.parse(asl.replace('\'', '"')), MARK, null)
                .withMaxTransitions(50).run(json("{}"));
        assertEquals(LocalWorkflowRunner.TRANSITION_LIMIT, r.error());
        assertTrue(r.cause().contains("50"), r.cause());
        assertEquals(50, r.history().size());
    }

    @Test
    void contextObjectExposesExecutionInput() {
        String asl = """
                {'StartAt': 'P', 'States': {
                  'P': {'Type': 'Pass', 'Parameters': {'orig.$': '$$.Execution.Input.runId', 'id.$': '$$.Execution.Id'},
                        'End': true}}}
                """;
        ExecutionResult r = run(asl, "{'runId': 'r9'}", MARK);
        assertEquals("r9", r.output().get("orig").asText());
        assertTrue(r.output().get("id").asText().startsWith("arn:local:states:execution:"));
        assertFalse(r.output().has("runId"));
    }
}

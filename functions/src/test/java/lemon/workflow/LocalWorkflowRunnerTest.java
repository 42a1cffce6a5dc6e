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
        assertEquals(
                List.of("A", "B"),
                r.history().stream().map(ExecutionResult.StateRun::name).toList());
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

        assertEquals(
                json("'big'"),
                run(CHOICE, "{'status': 'ok', 'n': 10, 'small': false}", MARK).output());
        assertEquals(
                json("'odd'"),
                run(CHOICE, "{'status': 'ok', 'n': 10, 'small': true, 'nothing': null}", MARK)
                        .output());
        assertEquals(
                json("'small'"),
                run(CHOICE, "{'status': 'ok', 'n': 3, 'small': true, 'limit': 5, 'nothing': 0}", MARK)
                        .output());
        assertEquals(
                json("{'status': 'ok', 'n': 7, 'small': true, 'limit': 5, 'nothing': 0}"),
                run(CHOICE, "{'status': 'ok', 'n': 7, 'small': true, 'limit': 5, 'nothing': 0}", MARK)
                        .output());
        // a value of the wrong type is "no match", not an error
        assertEquals(
                json("{'status': 1, 'n': 'ten', 'limit': 5, 'nothing': 0}"),
                run(CHOICE, "{'status': 1, 'n': 'ten', 'limit': 5, 'nothing': 0}", MARK)
                        .output());
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
        assertEquals(
                List.of(
                        "{\"runId\":\"r\",\"name\":\"Ann\",\"index\":0,\"fixed\":\"x\"}",
                        "{\"runId\":\"r\",\"name\":\"Bo\",\"index\":1,\"fixed\":\"x\"}"),
                calls);
        assertEquals(
                json("[{'portrait': 'Ann.png'}, {'portrait': 'Bo.png'}]"),
                r.output().get("portraits"));
        assertEquals("r", r.output().get("runId").asText());
        assertEquals(
                List.of(
                        "enter Each",
                        "enter Portrait",
                        "exit Portrait",
                        "enter Portrait",
                        "exit Portrait",
                        "exit Each",
                        "enter Done",
                        "exit Done"),
                events);
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
        assertEquals(
                List.of(
                        "enter Flaky",
                        "retry Flaky #1 Lemon.Transient",
                        "retry Flaky #2 Lemon.Transient",
                        "exit Flaky",
                        "enter Ok",
                        "exit Ok"),
                events);
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
        assertEquals(
                List.of("Flaky", "Record", "Failed"),
                r.history().stream().map(ExecutionResult.StateRun::name).toList());
        assertEquals("States.Timeout", r.history().get(0).error());
        assertTrue(events.contains("fail Flaky States.Timeout"));
        assertTrue(events.contains("fail Failed Lemon.StageFailed"));
    }

    /** The error contract's name (the one a Lambda reports too); the exception's type stays in the cause. */
    @Test
    void plainExceptionsArePermanentAndNotRetriedUnlessListed() {
        List<JsonNode> recorded = new ArrayList<>();
        String asl = RETRY.replace(
                "'Record': {'Type': 'Pass', 'Next': 'Failed'}",
                "'Record': {'Type': 'Task', 'Resource': '" + ARN + "record', 'ResultPath': null, 'Next': 'Failed'}");
        ExecutionResult r = run(asl, "{'runId': 'r'}", (fn, in) -> {
            if (fn.equals("record")) {
                recorded.add(in);
                return in;
            }
            throw new IllegalStateException("broken");
        });
        assertEquals(List.of(), sleeps);
        assertEquals(
                List.of(
                        json(
                                "{'runId': 'r', 'failure': {'Error': 'Lemon.Permanent', 'Cause': 'IllegalStateException: broken'}}")),
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
                .withMaxTransitions(50)
                .run(json("{}"));
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

    // ---------------------------------------------------------------- TimeoutSeconds

    static final String TIMED = """
            {'StartAt': 'Slow', 'States': {
              'Slow': {'Type': 'Task', 'Resource': '%sslow', 'TimeoutSeconds': 1,
                'Retry': [{'ErrorEquals': ['States.Timeout'], 'IntervalSeconds': 1, 'MaxAttempts': 1}],
                'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.failure', 'Next': 'Late'}],
                'Next': 'Ok'},
              'Late': {'Type': 'Pass', 'End': true},
              'Ok': {'Type': 'Succeed'}}}
            """.formatted(ARN);

    /** {@code scale}: what TimeoutSeconds 1 lasts here, in seconds. */
    ExecutionResult runTimed(TaskDispatcher dispatcher, double scale) {
        return new LocalWorkflowRunner(AslStateMachine.parse(TIMED.replace('\'', '"')), dispatcher, recorder)
                .withSleeper(sleeps::add)
                .withTimeoutScale(scale)
                .run(json("{'runId': 'r'}"));
    }

    @Test
    void aTaskPastItsTimeoutIsInterruptedRetriedThenCaught() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(2);
        long start = System.nanoTime();
        ExecutionResult r = runTimed(
                (fn, in) -> {
                    calls.incrementAndGet();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return in;
                },
                0.2);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "abandoned, not waited for");
        assertEquals(Status.SUCCEEDED, r.status());
        assertEquals("States.Timeout", r.output().at("/failure/Error").asText());
        assertTrue(
                r.output().at("/failure/Cause").asText().contains("TimeoutSeconds (1 s)"),
                r.output().toString());
        assertEquals(2, calls.get());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps);
        assertEquals(
                List.of(
                        "enter Slow",
                        "retry Slow #1 States.Timeout",
                        "fail Slow States.Timeout",
                        "enter Late",
                        "exit Late"),
                events);
        assertTrue(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS), "both attempts were interrupted");
    }

    @Test
    void aTaskWithinItsTimeoutSucceedsAndItsErrorsKeepTheirNames() {
        AtomicInteger calls = new AtomicInteger();
        // a real second: these tasks return at once
        ExecutionResult ok = runTimed(
                (fn, in) -> {
                    calls.incrementAndGet();
                    return MARK.invoke(fn, in);
                },
                1.0);
        assertEquals(Status.SUCCEEDED, ok.status());
        assertTrue(ok.output().get("slow").asBoolean());
        assertEquals(1, calls.get());

        ExecutionResult broken = runTimed(
                (fn, in) -> {
                    throw new IllegalStateException("broken");
                },
                1.0);
        assertEquals(
                json("{'Error': 'Lemon.Permanent', 'Cause': 'IllegalStateException: broken'}"),
                broken.output().get("failure"));
        ExecutionResult busy = runTimed(
                (fn, in) -> {
                    throw new lemon.port.TransientFailure("store busy", null);
                },
                1.0);
        assertEquals(
                json("{'Error': 'Lemon.Transient', 'Cause': 'store busy'}"),
                busy.output().get("failure"));
    }

    @Test
    void retryEntriesMatchInOrderWithBackoffMaxDelayAndJitter() {
        String asl = """
                {'StartAt': 'T', 'States': {
                  'T': {'Type': 'Task', 'Resource': '%sx', 'End': true, 'Retry': [
                    {'ErrorEquals': ['A'], 'IntervalSeconds': 1, 'MaxAttempts': 1},
                    {'ErrorEquals': ['States.ALL'], 'IntervalSeconds': 3, 'MaxAttempts': 2, 'BackoffRate': 2,
                     'MaxDelaySeconds': 4, 'JitterStrategy': 'FULL'}]}}}
                """.formatted(ARN);
        List<String> errors = new ArrayList<>(List.of("A", "B", "B", "B", "never"));
        ExecutionResult r = new LocalWorkflowRunner(
                        AslStateMachine.parse(asl.replace('\'', '"')),
                        (fn, in) -> {
                            throw new WorkflowException(errors.remove(0), "e");
                        },
                        recorder)
                .withSleeper(sleeps::add)
                .withJitter(() -> 0.5)
                .run(json("{}"));
        assertEquals("B", r.error());
        assertEquals(List.of("never"), errors);
        // A: 1 s; B: 3 s × 0.5 jitter, then min(6, 4) s × 0.5
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(2)), sleeps);
    }

    // ---------------------------------------------------------------- ecs:runTask.sync

    /** Real double quotes: the intrinsic function's arguments need the single ones. */
    static final String CONTAINER = """
            {"StartAt": "Portraits", "States": {
              "Portraits": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                "Parameters": {"LaunchType": "FARGATE", "Cluster": "arn:aws:ecs:eu-west-1:123:cluster/lemon",
                  "TaskDefinition": "arn:aws:ecs:eu-west-1:123:task-definition/lemon-engine",
                  "Overrides": {"ContainerOverrides": [{"Name": "engine",
                    "Command.$": "States.Array('stage', 'generate-portraits', $.runId, '--store', $.store)"}]}},
                "ResultPath": "$.task",
                "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 5, "MaxAttempts": 1}],
                "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    static ExecutionResult runContainer(TaskDispatcher dispatcher, List<Duration> sleeps) {
        return new LocalWorkflowRunner(AslStateMachine.parse(CONTAINER), dispatcher, null)
                .withSleeper(sleeps::add)
                .run(json("{'runId': 'r7', 'store': 's3://bucket/runs'}"));
    }

    @Test
    void anEcsRunTaskStateRunsItsStageLocally() {
        List<String> calls = new ArrayList<>();
        ExecutionResult r = runContainer(
                (fn, in) -> {
                    calls.add(fn + " " + in);
                    return json("{'runId': 'r7', 'stage': 'generate-portraits', 'status': 'done'}");
                },
                sleeps);
        assertEquals(Status.SUCCEEDED, r.status(), r.cause());
        assertEquals(List.of("generate-portraits {\"runId\":\"r7\"}"), calls);
        JsonNode task = r.output().get("task");
        assertEquals("r7", r.output().get("runId").asText(), "ResultPath keeps the input");
        assertEquals("STOPPED", task.get("LastStatus").asText());
        assertEquals(0, task.at("/Containers/0/ExitCode").asInt());
        assertEquals(
                json("['stage', 'generate-portraits', 'r7', '--store', 's3://bucket/runs']"),
                task.at("/Overrides/ContainerOverrides/0/Command"));
        assertEquals(
                "arn:aws:ecs:eu-west-1:123:task-definition/lemon-engine",
                task.get("TaskDefinitionArn").asText());
    }

    @Test
    void aFailingContainerStageIsTaskFailedAsOnAws() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = runContainer(
                (fn, in) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new lemon.port.TransientFailure("GPU out of memory", null);
                    }
                    return json("{'status': 'done'}");
                },
                sleeps);
        assertEquals(Status.SUCCEEDED, r.status(), r.cause());
        assertEquals(2, calls.get());
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps);

        ExecutionResult failed =
                runContainer((fn, in) -> json("{'status': 'failed', 'message': 'no portraits'}"), new ArrayList<>());
        assertEquals("States.TaskFailed", failed.error());
        JsonNode cause = json(failed.cause());
        assertEquals(1, cause.at("/Containers/0/ExitCode").asInt());
        assertTrue(cause.at("/Containers/0/Reason").asText().contains("no portraits"), failed.cause());
    }

    // ---------------------------------------------------------------- Map concurrency

    @Test
    void mapWithMaxConcurrencyTwoNeverRunsMoreThanTwoAndKeepsItemOrder() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'ItemsPath': '$.characters', 'MaxConcurrency': 2,
                    'ItemProcessor': {'StartAt': 'Portrait', 'States': {
                      'Portrait': {'Type': 'Task', 'Resource': '%sportrait', 'End': true}}},
                    'ResultPath': '$.portraits', 'End': true}}}
                """.formatted(ARN);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        TaskDispatcher portrait = (fn, in) -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            threads.add(Thread.currentThread().getName());
            try {
                together.await(5, java.util.concurrent.TimeUnit.SECONDS); // two really do run at once
                Thread.sleep(in.asInt() % 2 == 0 ? 30 : 5); // finish out of order
            } finally {
                running.decrementAndGet();
            }
            return JSON.getNodeFactory().textNode("p" + in.asInt());
        };
        ExecutionResult r = new LocalWorkflowRunner(AslStateMachine.parse(asl.replace('\'', '"')), portrait, recorder)
                .withMapConcurrency(8)
                .run(json("{'characters': [0, 1, 2, 3, 4, 5]}"));
        assertEquals(Status.SUCCEEDED, r.status(), r.cause());
        assertEquals(json("['p0', 'p1', 'p2', 'p3', 'p4', 'p5']"), r.output().get("portraits"));
        assertEquals(2, peak.get());
        assertTrue(threads.stream().allMatch(t -> t.startsWith("lemon-map-Each")), threads.toString());
        assertEquals(6, events.stream().filter(e -> e.equals("exit Portrait")).count());
        assertEquals(1 + 6, r.history().size());
    }

    @Test
    void mapOverAnEmptyListGivesAnEmptyList() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'ItemsPath': '$.characters', 'MaxConcurrency': 2,
                    'Iterator': {'StartAt': 'Portrait', 'States': {
                      'Portrait': {'Type': 'Task', 'Resource': '%sportrait', 'End': true}}},
                    'ResultPath': '$.portraits', 'End': true}}}
                """.formatted(ARN);
        TaskDispatcher never = (fn, in) -> {
            throw new AssertionError("no items, no calls");
        };
        ExecutionResult r = new LocalWorkflowRunner(AslStateMachine.parse(asl.replace('\'', '"')), never, recorder)
                .withMapConcurrency(4)
                .run(json("{'runId': 'r', 'characters': []}"));
        assertEquals(json("{'runId': 'r', 'characters': [], 'portraits': []}"), r.output());
        assertEquals(List.of("enter Each", "exit Each"), events);
    }

    @Test
    void aFailingParallelIterationFailsTheMapAndStopsTheOthers() {
        String asl = """
                {'StartAt': 'Each', 'States': {
                  'Each': {'Type': 'Map', 'ItemsPath': '$.items', 'MaxConcurrency': 0,
                    'ItemProcessor': {'StartAt': 'T', 'States': {
                      'T': {'Type': 'Task', 'Resource': '%st', 'End': true}}},
                    'Catch': [{'ErrorEquals': ['Boom'], 'ResultPath': '$.error', 'Next': 'Caught'}], 'End': true},
                  'Caught': {'Type': 'Pass', 'End': true}}}
                """.formatted(ARN);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(2);
        TaskDispatcher t = (fn, in) -> {
            if (in.asInt() == 1) {
                started.await(5, java.util.concurrent.TimeUnit.SECONDS); // the others are running
                throw new WorkflowException("Boom", "item 1");
            }
            started.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                stopped.countDown();
                throw e;
            }
            return in;
        };
        long start = System.nanoTime();
        ExecutionResult r = new LocalWorkflowRunner(AslStateMachine.parse(asl.replace('\'', '"')), t, null)
                .withMapConcurrency(3)
                .run(json("{'items': [0, 1, 2]}"));
        assertEquals(json("{'items': [0, 1, 2], 'error': {'Error': 'Boom', 'Cause': 'item 1'}}"), r.output());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        try {
            assertTrue(
                    stopped.await(5, java.util.concurrent.TimeUnit.SECONDS), "the other iterations were interrupted");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void intrinsicArrayAndFormatInParameters() {
        String asl = """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Parameters": {
                    "key.$": "States.Format('runs/{}/portraits/{}.png', $.runId, $$.Execution.Input.n)",
                    "args.$": "States.Array('stage', $.runId, 3, true, States.Format('x{}', $.runId))",
                    "braces.$": "States.Format('\\\\{{}\\\\} it\\\\'s', $.runId)"},
                    "End": true}}}
                """;
        ExecutionResult r =
                new LocalWorkflowRunner(AslStateMachine.parse(asl), MARK, null).run(json("{'runId': 'r1', 'n': 2}"));
        assertEquals(Status.SUCCEEDED, r.status(), r.cause());
        assertEquals("runs/r1/portraits/2.png", r.output().get("key").asText());
        assertEquals(json("['stage', 'r1', 3, true, 'xr1']"), r.output().get("args"));
        assertEquals("{r1} it's", r.output().get("braces").asText());
    }
}

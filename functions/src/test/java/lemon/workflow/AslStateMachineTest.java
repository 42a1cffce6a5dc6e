package lemon.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AslStateMachineTest {
    static final String ARN = "arn:aws:lambda:${aws_region}:${account_id}:function:lemon-";

    static AslStateMachine parse(String asl) {
        return AslStateMachine.parse(asl.replace('\'', '"'));
    }

    static String rejection(String asl) {
        return assertThrows(AslException.class, () -> parse(asl)).getMessage();
    }

    static void assertRejected(String asl, String... fragments) {
        String message = rejection(asl);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "'" + message + "' should contain '" + f + "'");
        }
    }

    @Test
    void acceptsAValidMachineAndListsItsTasks() {
        AslStateMachine m = parse("""
                {'Comment': 'c', 'StartAt': 'A', 'States': {
                  'A': {'Type': 'Task', 'Resource': '%1$sanalyze-story', 'Next': 'M'},
                  'M': {'Type': 'Map', 'ItemProcessor': {'StartAt': 'I', 'States': {
                      'I': {'Type': 'Task', 'Resource': '%1$sportrait', 'End': true}}}, 'Next': 'S'},
                  'S': {'Type': 'Succeed'}}}
                """.formatted(ARN));
        assertEquals("A", m.startAt());
        assertEquals(List.of("A", "M", "S"), List.copyOf(m.stateNames()));
        assertEquals("Map", m.stateType("M"));
        assertEquals(Map.of("A", "analyze-story", "I", "portrait"), m.taskFunctions());
    }

    @Test
    void rejectsMissingStartAt() {
        assertRejected("{'States': {'A': {'Type': 'Succeed'}}}", "StartAt is missing");
        assertRejected("{'StartAt': 'B', 'States': {'A': {'Type': 'Succeed'}}}", "StartAt 'B' is not a state");
    }

    @Test
    void rejectsBadTransitions() {
        assertRejected(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'Nowhere'}}}",
                "State 'A'",
                "Next",
                "'Nowhere' is not a state");
        assertRejected("""
                {'StartAt': 'A', 'States': {'A': {'Type': 'Choice',
                  'Choices': [{'Variable': '$.x', 'IsNull': true, 'Next': 'A'}], 'Default': 'Gone'}}}""", "State 'A'", "Default", "'Gone'");
        assertRejected("""
                {'StartAt': 'A', 'States': {'A': {'Type': 'Task', 'Resource': '%sx', 'End': true,
                  'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Missing'}]}}}""".formatted(ARN), "Catch[0].Next", "'Missing'");
        assertRejected("{'StartAt': 'A', 'States': {'A': {'Type': 'Pass'}}}", "State 'A'", "Next or \"End\": true");
        assertRejected(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Pass', 'Next': 'A', 'End': true}}}", "both Next and End");
        assertRejected(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Succeed'}, 'B': {'Type': 'Succeed'}}}",
                "State 'B'",
                "not reachable");
        assertRejected(
                "{'StartAt': 'A', 'States': {'A': {'Type': 'Succeed', 'Next': 'A'}}}",
                "State 'A'",
                "Next",
                "not allowed in a Succeed state");
    }

    @Test
    void rejectsUnsupportedStateTypesAndFeatures() {
        assertRejected(
                "{'StartAt': 'P', 'States': {'P': {'Type': 'Parallel', 'Branches': [], 'End': true}}}",
                "State 'P'",
                "Type",
                "Parallel states are not supported");
        assertRejected(
                "{'StartAt': 'P', 'States': {'P': {'Type': 'Dance', 'End': true}}}", "unknown state type 'Dance'");
        assertRejected(
                "{'QueryLanguage': 'JSONata', 'StartAt': 'A', 'States': {'A': {'Type': 'Succeed'}}}",
                "QueryLanguage 'JSONata' is not supported");
        assertRejected("""
                {'StartAt': 'P', 'States': {'P': {'Type': 'Pass',
                  'Parameters': {'id.$': 'States.UUID()'}, 'End': true}}}""", "State 'P'", "Parameters", "intrinsic function (States.UUID)");
        assertRejected(
                "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'InputPath': '$.a[*]', 'End': true}}}",
                "State 'P'",
                "InputPath",
                "'$.a[*]' is not supported");
        assertRejected("""
                {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemReader': {}, 'ItemProcessor':
                  {'StartAt': 'I', 'States': {'I': {'Type': 'Succeed'}}}, 'End': true}}}""", "State 'M'", "ItemReader", "Distributed Map");
        assertRejected("""
                {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemProcessor': {'ProcessorConfig':
                  {'Mode': 'DISTRIBUTED'}, 'StartAt': 'I', 'States': {'I': {'Type': 'Succeed'}}}, 'End': true}}}""", "Map 'M'", "DISTRIBUTED");
        assertRejected(
                "{'StartAt': 'W', 'States': {'W': {'Type': 'Wait', 'Timestamp': 'x', 'End': true}}}",
                "State 'W'",
                "Timestamp");
        assertRejected("""
                {'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Default': 'S', 'Choices':
                  [{'Variable': '$.x', 'StringMatches': 'a*', 'Next': 'S'}]}, 'S': {'Type': 'Succeed'}}}""", "State 'C'", "StringMatches", "not supported");
        assertRejected(
                "{'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'Assign': {}, 'End': true}}}",
                "State 'P'",
                "Assign",
                "variables");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "arn:aws:states:::lambda:invoke|service integrations are not supported",
                "arn:aws:lambda:eu-west-1:123:function:other-thing|is not a Lambda ARN",
                "arn:aws:lambda:eu-west-1:123:function:lemon-x:live|is not a Lambda ARN"
            })
    void rejectsResourcesThatAreNotOurLambdas(String resource, String message) {
        assertRejected(
                "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '" + resource + "', 'End': true}}}",
                "State 'T'",
                "Resource",
                message);
    }

    @Test
    void acceptsConcreteRegionAndAccount() {
        AslStateMachine m = parse("{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': "
                + "'arn:aws:lambda:eu-west-1:123456789012:function:lemon-publish', 'End': true}}}");
        assertEquals(Map.of("T", "publish"), m.taskFunctions());
    }

    @Test
    void rejectsMisplacedStatesAll() {
        assertRejected(
                """
                {'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '%sx', 'End': true,
                  'Retry': [{'ErrorEquals': ['States.ALL']}, {'ErrorEquals': ['X']}]}}}""".formatted(ARN), "Retry[0].ErrorEquals", "States.ALL must appear alone and in the last entry");
    }

    @Test
    void errorsInsideMapProcessorsNameTheMap() {
        assertRejected("""
                {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'ItemProcessor':
                  {'StartAt': 'I', 'States': {'I': {'Type': 'Pass', 'Next': 'Elsewhere'}}}, 'End': true}}}""", "State 'I' (in Map 'M')", "'Elsewhere'");
    }

    @Test
    void rejectsInvalidJson() {
        assertRejected("{not json", "not valid JSON");
    }

    static final String ECS = "arn:aws:states:::ecs:runTask.sync";

    static String ecsTask(String overrides) {
        return "{'StartAt': 'E', 'States': {'E': {'Type': 'Task', 'Resource': '" + ECS + "', 'Parameters': "
                + "{'LaunchType': 'FARGATE', 'Cluster': 'lemon', 'TaskDefinition': 'lemon-engine', " + overrides
                + "}, 'End': true}}}";
    }

    @Test
    void acceptsEcsRunTaskSyncAndNamesItsStage() {
        AslStateMachine intrinsic = AslStateMachine.parse("""
                {"StartAt": "E", "States": {"E": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "Parameters": {"LaunchType": "FARGATE", "Cluster": "lemon", "TaskDefinition": "lemon-engine",
                    "Overrides": {"ContainerOverrides": [{"Name": "sidecar"},
                      {"Name": "engine", "Command.$": "States.Array('lemon', 'stage', 'personalize', $.runId)"}]}},
                  "TimeoutSeconds": 3600, "HeartbeatSeconds": 60, "End": true}}}""");
        assertEquals(Map.of("E", "personalize"), intrinsic.taskFunctions());
        AslStateMachine literal = parse(ecsTask(
                "'Overrides': {'ContainerOverrides': [{'Name': 'engine', 'Command': ['stage', 'visualize', 'r1']}]}"));
        assertEquals(Map.of("E", "visualize"), literal.taskFunctions());
    }

    @Test
    void rejectsEcsTasksWhoseStageIsNotNamed() {
        assertRejected(ecsTask("'Overrides': {}"), "State 'E'", "Parameters", "ContainerOverrides");
        assertRejected(
                ecsTask("'Overrides': {'ContainerOverrides': [{'Name': 'engine', 'Command.$': '$.command'}]}"),
                "State 'E'",
                "ContainerOverrides");
        assertRejected(
                ecsTask("'Overrides': {'ContainerOverrides': [{'Name': 'engine', 'Command': ['stage']}]}"),
                "State 'E'",
                "name the stage function literally");
        assertRejected(
                "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': 'arn:aws:states:::ecs:runTask', "
                        + "'End': true}}}",
                "State 'T'",
                "service integrations are not supported except " + ECS);
        String uuid = assertThrows(AslException.class, () -> AslStateMachine.parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
                  "Parameters": {"a.$": "States.Array('x', States.UUID())"}}}}"""))
                .getMessage();
        assertTrue(uuid.contains("State 'P'") && uuid.contains("States.UUID"), uuid);
        assertRejected("""
                {'StartAt': 'P', 'States': {'P': {'Type': 'Pass', 'End': true,
                  'Parameters': {'a.$': 'States.Array($.x'}}}}""", "State 'P'", "')' is missing");
    }

    @Test
    void rejectsBadTimeoutsConcurrencyAndJitter() {
        String task =
                "{'StartAt': 'T', 'States': {'T': {'Type': 'Task', 'Resource': '" + ARN + "x', 'End': true, %s}}}";
        assertRejected(task.formatted("'TimeoutSeconds': 0"), "State 'T'", "TimeoutSeconds", "positive integer");
        assertRejected(task.formatted("'TimeoutSeconds': '60'"), "TimeoutSeconds", "positive integer");
        assertRejected(
                task.formatted("'TimeoutSeconds': 60, 'HeartbeatSeconds': 60"),
                "HeartbeatSeconds",
                "smaller than TimeoutSeconds");
        assertRejected(
                task.formatted("'Retry': [{'ErrorEquals': ['X'], 'JitterStrategy': 'SOME'}]"),
                "Retry[0].JitterStrategy");
        assertRejected("""
                {'StartAt': 'M', 'States': {'M': {'Type': 'Map', 'MaxConcurrency': -1, 'ItemProcessor':
                  {'StartAt': 'I', 'States': {'I': {'Type': 'Succeed'}}}, 'End': true}}}""", "State 'M'", "MaxConcurrency", "non-negative integer");
    }
}

package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import lemon.functions.FunqDispatcher;
import lemon.functions.LocalRun;
import lemon.functions.StageFunctions;
import lemon.workflow.AslStateMachine;
import org.junit.jupiter.api.Test;

/**
 * The workflow file as the packaged CLI carries it and the Funqy functions must name each other exactly:
 * no Task state (Lambda or container task) without a function, no function without a state.
 */
class WorkflowContractTest {
    @Test
    void everyTaskStateHasAFunctionAndEveryFunctionAState() throws Exception {
        String asl;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LocalRun.WORKFLOW_RESOURCE)) {
            asl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(
                FunqDispatcher.functionNames(StageFunctions.class),
                new TreeSet<>(AslStateMachine.parse(asl).taskFunctions().values()));
    }
}

package lemon.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import lemon.stage.StageCatalogue;
import org.junit.jupiter.api.Test;

/** The deployed workflow, the Funqy functions and Terraform agree with the stage catalogue. */
class WorkflowContractTest {
    @Test
    void theShippedFilesAgreeWithTheCatalogue() throws Exception {
        var terraform = WorkflowContract.terraformDir();
        List<String> problems = WorkflowContract.problems(
                TestPipelines.catalogue(),
                WorkflowContract.shippedWorkflow(),
                FunqDispatcher.functionNames(StageFunctions.class),
                WorkflowContract.terraformFunctions(terraform));
        assertEquals(List.of(), problems);
    }

    @Test
    void aStageMissingFromTheFilesIsNamed() throws Exception {
        var terraform = WorkflowContract.terraformDir();
        StageCatalogue more = TestPipelines.catalogue().with(new ThrowawayStageTest.CountWords(), "publish");
        List<String> problems = WorkflowContract.problems(
                more,
                WorkflowContract.shippedWorkflow(),
                FunqDispatcher.functionNames(StageFunctions.class),
                WorkflowContract.terraformFunctions(terraform));
        assertEquals(3, problems.size(), problems.toString());
        problems.forEach(p -> assertTrue(p.contains("lack [count-words]"), p));
    }

    @Test
    void stagesOutOfOrderAreNamed() throws Exception {
        String asl = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:lemon-match-characters", "Next": "B"},
                  "B": {"Type": "Task", "Resource": "arn:aws:lambda:r:1:function:lemon-analyze-story", "End": true}}}
                """;
        StageCatalogue catalogue = TestPipelines.catalogue();
        List<String> problems = WorkflowContract.problems(
                catalogue,
                lemon.run.Json.MAPPER.readTree(asl),
                Set.copyOf(catalogue.functions()),
                Set.copyOf(catalogue.functions()));
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("order [match-characters, analyze-story]")),
                problems.toString());
    }
}

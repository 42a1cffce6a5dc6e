package lemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lemon.functions.FunqDispatcher;
import lemon.functions.LocalRun;
import lemon.functions.StageFunctions;
import lemon.run.Json;
import org.junit.jupiter.api.Test;

/** The ASL file and the Funqy functions must name each other exactly: no state without a function. */
class WorkflowContractTest {
    @Test
    void everyTaskStateHasAFunctionAndEveryFunctionAState() throws Exception {
        JsonNode asl;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LocalRun.WORKFLOW_RESOURCE)) {
            asl = Json.MAPPER.readTree(in);
        }
        Set<String> taskFunctions = new TreeSet<>();
        collectTasks(asl.get("States"), taskFunctions);
        assertEquals(FunqDispatcher.functionNames(StageFunctions.class), taskFunctions);
    }

    private static void collectTasks(JsonNode states, Set<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            JsonNode state = it.next().getValue();
            if (state.path("Type").asText().equals("Task")) {
                String resource = state.get("Resource").asText();
                out.add(resource.substring(resource.indexOf("function:lemon-") + "function:lemon-".length()));
            }
            for (String nested : new String[] {"ItemProcessor", "Iterator"}) {
                if (state.has(nested)) {
                    collectTasks(state.get(nested).get("States"), out);
                }
            }
        }
    }
}

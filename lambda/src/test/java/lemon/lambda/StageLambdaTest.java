package lemon.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stage a deployed function runs, from its name or its setting. */
class StageLambdaTest {
    static final List<String> FUNCTIONS =
            List.of("ingest", "analyze-story", "describe-characters", "publish", "record-failure");

    @Test
    void theFunctionNameSaysTheStageAfterItsPrefix() {
        assertEquals(
                "describe-characters",
                StageLambda.stageOf(Optional.empty(), "acme-lemon-describe-characters", FUNCTIONS));
        assertEquals("record-failure", StageLambda.stageOf(Optional.empty(), "lemon-record-failure", FUNCTIONS));
        assertEquals("publish", StageLambda.stageOf(Optional.empty(), "publish", FUNCTIONS));
    }

    @Test
    void theSettingWinsAndMustNameAFunction() {
        assertEquals("ingest", StageLambda.stageOf(Optional.of("ingest"), "lemon-publish", FUNCTIONS));
        var e = assertThrows(
                IllegalArgumentException.class, () -> StageLambda.stageOf(Optional.of("paint"), "x", FUNCTIONS));
        assertTrue(e.getMessage().contains("'paint'") && e.getMessage().contains("analyze-story"), e.getMessage());
    }

    @Test
    void aNameThatEndsInNoStageIsRefusedWithWhatToDo() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> StageLambda.stageOf(Optional.empty(), "lemon-paint", FUNCTIONS));
        assertTrue(e.getMessage().contains("LEMON_LAMBDA_STAGE"), e.getMessage());
        // "story" is not a function even though "analyze-story" ends with it
        assertThrows(
                IllegalArgumentException.class, () -> StageLambda.stageOf(Optional.empty(), "my-story", FUNCTIONS));
    }
}

package lemon.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.UncheckedIOException;
import lemon.port.TransientFailure;
import org.junit.jupiter.api.Test;

/** The error contract: two names, the same for the local runner and a Lambda's reported error type. */
class StageErrorsTest {
    @Test
    void theNamesAreTheOnesTheAslFileLists() {
        assertEquals("Lemon.Transient", StageErrors.TRANSIENT);
        assertEquals("Lemon.Permanent", StageErrors.PERMANENT);
        assertEquals(StageErrors.TRANSIENT, TransientFailure.ERROR_NAME);
    }

    @Test
    void aTransientFailureAnywhereInTheChainIsTransientWithItsOwnMessage() {
        var deep = new IllegalStateException(
                "describe failed",
                new TransientFailure("LLM timed out after 120 s", new java.net.SocketTimeoutException()));
        assertEquals(StageErrors.TRANSIENT, StageErrors.name(deep));
        assertEquals("LLM timed out after 120 s", StageErrors.cause(deep));
        RuntimeException thrown = StageErrors.asThrown(deep);
        assertInstanceOf(Lemon.Transient.class, thrown);
        assertEquals(StageErrors.TRANSIENT, thrown.getClass().getName());
        assertSame(deep, thrown.getCause());
    }

    @Test
    void anythingElseIsPermanentAndKeepsItsType() {
        var bad = new IllegalArgumentException("no run 'x'");
        assertEquals(StageErrors.PERMANENT, StageErrors.name(bad));
        assertEquals("IllegalArgumentException: no run 'x'", StageErrors.cause(bad));
        RuntimeException thrown = StageErrors.asThrown(bad);
        assertEquals(StageErrors.PERMANENT, thrown.getClass().getName());
        assertEquals("IllegalArgumentException: no run 'x'", thrown.getMessage());
        assertSame(thrown, StageErrors.asThrown(thrown), "already named: thrown as it is");
        assertEquals(
                "UncheckedIOException",
                StageErrors.cause(new UncheckedIOException(null, new java.io.IOException()))
                        .split(":")[0]);
    }
}

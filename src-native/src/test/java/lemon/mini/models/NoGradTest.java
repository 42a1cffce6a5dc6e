package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grad mode is per thread and on in a fresh one (a workflow task's): what {@link NoGrad} is for.
 * Its effect on memory is measured by the README's "Memory" figures, not here.
 */
class NoGradTest {
    @Test
    void aFreshThreadRecordsUntilNoGradIsOpenAndAgainAfter() throws Exception {
        Engine.getEngine("PyTorch");
        List<Object> seen = new ArrayList<>();
        Thread t = new Thread(() -> {
            seen.add(NoGrad.recording());
            try (NoGrad g = NoGrad.enter()) {
                seen.add(NoGrad.recording());
                try (NoGrad nested = NoGrad.enter()) {
                    seen.add(NoGrad.recording());
                }
                seen.add(NoGrad.recording()); // a nested guard leaves it off for the outer one
            }
            seen.add(NoGrad.recording());
        });
        t.start();
        t.join();
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(
                List.of(true, false, false, false, true), seen, "fresh thread, inside, nested, after nested, after");
    }
}

package lemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lemon.run.RunOptions;
import org.junit.jupiter.api.Test;

/** The run ids of {@code lemon eval-storyboard}: other options or another seed make other runs, never a stored one reused. */
class EvalStoryboardSuffixTest {
    @Test
    void anotherSeedMakesRunsOfItsOwnAndTheDefaultSeedKeepsTheOldIds() {
        RunOptions o = new RunOptions(8, 3, 4, 2, 2, "");
        assertEquals("-t8-o4-s2-i2-ps50", EvalStoryboardCommand.suffix(o, LemonEvalTest.DEFAULTS));
        assertEquals("-t8-o4-s2-i2-ps50-seed1", EvalStoryboardCommand.suffix(o.withSeed(1), LemonEvalTest.DEFAULTS));
    }
}

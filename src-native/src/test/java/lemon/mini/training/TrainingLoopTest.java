package lemon.mini.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
    /** Records the rate the loop asks each step for. */
    private static final class Recorder implements TrainingLoop.Trainer {
        final List<Float> rates = new ArrayList<>();
        long step;

        Recorder(long from) {
            step = from;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public float baseRate() {
            return 1e-3f;
        }

        @Override
        public double trainStep(float rate) {
            rates.add(rate);
            step++;
            return 1.0;
        }

        @Override
        public boolean checkpoint(double lossEma) {
            return true;
        }

        @Override
        public String skipped() {
            return "";
        }
    }

    @Test
    void theLoopGivesEachStepItsScheduledRateAResumedRunIncluded() throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        var plan = new TrainingLoop.Plan("t", 10, 100, 0, 0.9, null, LearningRate.DROP_LAST_30_PERCENT);
        Recorder fresh = new Recorder(0);
        TrainingLoop.run(fresh, plan, null, quiet);
        List<Float> expected = new ArrayList<>();
        for (int s = 0; s < 10; s++) expected.add(s < 7 ? 1e-3f : 1e-3f / 5);
        assertEquals(expected, fresh.rates, "a fifth of the rate for the last 30% of the planned steps");

        Recorder resumed = new Recorder(6);
        TrainingLoop.run(resumed, plan, null, quiet);
        assertEquals(expected.subList(6, 10), resumed.rates, "the schedule counts from step 0, not from the resume");

        Recorder constant = new Recorder(0);
        TrainingLoop.run(
                constant, new TrainingLoop.Plan("t", 10, 100, 0, 0.9, null, LearningRate.CONSTANT), null, quiet);
        assertEquals(List.of(1e-3f), constant.rates.stream().distinct().toList());
    }
}

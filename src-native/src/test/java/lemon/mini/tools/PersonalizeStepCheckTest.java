package lemon.mini.tools;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The personalise GPU check runs the real trainer step on the lemon-mini shapes here and prints its RESULT line. */
class PersonalizeStepCheckTest {
    @Test
    void timesTheTrainersStepForEachBatchSizeAndSaysItIsNotTheGpuCheck() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GpuCheck.run(
                List.of("--personalize", "--config", "mini", "--batches", "2,4", "--characters", "3", "--steps", "1"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("NOT the SD-1.x GPU check"), out);
        assertTrue(out.contains("3 characters, 32×32 px"), out);
        Matcher result = Pattern.compile("RESULT personalise config=mini device=CPU characters=3 batch2=(\\d+)ms/step"
                        + " batch4=(\\d+)ms/step")
                .matcher(out);
        assertTrue(result.find(), out);
        assertTrue(Long.parseLong(result.group(1)) > 0 && Long.parseLong(result.group(2)) > 0, out);
        Matcher loss =
                Pattern.compile("batch 2 step 1: \\d+ ms \\(loss (\\S+)\\)").matcher(out);
        assertTrue(loss.find(), out);
        double l = Double.parseDouble(loss.group(1));
        assertTrue(Double.isNaN(l) || (l > 0 && l < 10), "an ε-prediction loss on random weights is about 1: " + l);
    }
}

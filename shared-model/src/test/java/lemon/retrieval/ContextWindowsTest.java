package lemon.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContextWindowsTest {
    @Test
    void windowsAreSentencePlusMinusOneAndMasked() {
        String text = "Rain falls. Ada opens the door. Tom waves! Ada (to Tom): \"Come in.\" The end.";
        assertEquals(5, ContextWindows.sentences(text).size());
        List<String> w = ContextWindows.windows(text, "Ada");
        assertEquals(
                List.of("Rain falls. Ada opens the door. Tom waves!", "Tom waves! Ada (to Tom): \"Come in.\" The end."),
                w);
        assertEquals(
                "someone (to someone): \"Come in.\"",
                ContextWindows.mask("Ada (to Tom): \"Come in.\"", List.of("Tom", "Ada")));
    }
}

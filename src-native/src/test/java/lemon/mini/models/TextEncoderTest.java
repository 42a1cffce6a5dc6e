package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lemon.mini.training.Adam;
import lemon.mini.training.NonFiniteGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEncoderTest {
    @Test
    void tokenizerEncodesSavesAndAddsTokens(@TempDir Path dir) throws Exception {
        CaptionTokenizer tok = TestSupport.tokenizer(TextEncoderConfig.tiny());
        long[] ids = tok.encode("A man with red hair, unknownword", 12);
        assertEquals(CaptionTokenizer.BOS_ID, ids[0]);
        assertEquals(tok.id("man"), ids[2]);
        assertEquals(CaptionTokenizer.UNK_ID, ids[7]);
        assertEquals(CaptionTokenizer.EOS_ID, ids[8]);
        assertEquals(CaptionTokenizer.PAD_ID, ids[11]);
        int alice = tok.addToken("<alice>");
        assertEquals(64, alice, "added tokens come after the fixed base size");
        assertEquals(alice, tok.encode("<alice> in a park", 12)[1]);
        Path f = dir.resolve("tok.json");
        tok.save(f);
        CaptionTokenizer back = CaptionTokenizer.load(f);
        assertArrayEquals(tok.encode("<alice> and a man", 12), back.encode("<alice> and a man", 12));
    }

    @Test
    void encoderShapesAndCausalPooling() {
        TextEncoderConfig cfg = TextEncoderConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(cfg, TestSupport.tokenizer(cfg), m, 1)) {
            assertEquals(cfg.parameterCount(), enc.params().count());
            try (NDManager scope = m.newSubManager()) {
                enc.params().attachTo(scope);
                MiniTextEncoder.Encoded e = enc.encode(scope, List.of("a man", "a woman with red hair"));
                assertEquals(new Shape(2, 12, 32), e.states().getShape());
                assertEquals(new Shape(2, 32), e.pooled().getShape());
                // causal: the first tokens of "a man" and "a man in a park" have identical states
                MiniTextEncoder.Encoded f = enc.encode(scope, List.of("a man in a park"));
                assertArrayEquals(
                        e.states().get("0,0:3").toFloatArray(),
                        f.states().get("0,0:3").toFloatArray(),
                        1e-5f);
            }
        }
    }

    @Test
    void onlyNewTokenEmbeddingsTrainWhenFrozen() {
        TextEncoderConfig cfg = TextEncoderConfig.tiny();
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(cfg, TestSupport.tokenizer(cfg), m, 2);
                Adam adam = new Adam(m, 1e-2f)) {
            enc.addTokens(List.of("<alice>", "<bob>"));
            enc.freezeAllButAddedTokens();
            Map<String, float[]> before = new HashMap<>();
            enc.params().all().forEach((k, v) -> before.put(k, v.toFloatArray()));
            float first = 0, last = 0;
            for (int step = 0; step < 15; step++) {
                try (NDManager scope = m.newSubManager()) {
                    enc.params().attachTo(scope);
                    try (GradientCollector gc = NonFiniteGuard.collector()) {
                        NDArray pooled = enc.encode(scope, List.of("<alice> with red hair"))
                                .pooled();
                        NDArray loss = pooled.sub(1f).square().mean(); // pull the pooled vector towards 1s
                        gc.backward(loss);
                        if (step == 0) first = loss.getFloat();
                        last = loss.getFloat();
                    }
                }
                adam.step(enc.params());
            }
            assertTrue(last < first, "loss falls: " + first + " → " + last);
            for (var e : enc.params().all().entrySet()) {
                float[] now = e.getValue().toFloatArray();
                if (e.getKey().equals(MiniTextEncoder.EXTRA)) {
                    // <alice> row moved, <bob> row (unused) did not
                    assertFalse(
                            java.util.Arrays.equals(
                                    java.util.Arrays.copyOfRange(before.get(e.getKey()), 0, 32),
                                    java.util.Arrays.copyOfRange(now, 0, 32)),
                            "<alice> learnt");
                    assertArrayEquals(
                            java.util.Arrays.copyOfRange(before.get(e.getKey()), 32, 64),
                            java.util.Arrays.copyOfRange(now, 32, 64),
                            "<bob> unused");
                } else {
                    assertArrayEquals(before.get(e.getKey()), now, e.getKey() + " frozen");
                }
            }
        }
    }
}

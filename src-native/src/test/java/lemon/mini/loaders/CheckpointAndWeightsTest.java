package lemon.mini.loaders;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.mini.models.CaptionTokenizer;
import lemon.mini.models.ClipConfig;
import lemon.mini.models.MiniClip;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.OnnxClipScorer;
import lemon.mini.models.TestSupport;
import lemon.mini.models.TextEncoderConfig;
import lemon.mini.models.UNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointAndWeightsTest {
    @Test
    void checkpointAsBytesIsWhatSaveWritesAndLoadsBack(@TempDir Path dir) throws Exception {
        TextEncoderConfig tcfg = TextEncoderConfig.tiny();
        try (NDManager m = TestSupport.manager()) {
            MiniClip clip = new MiniClip(ClipConfig.tiny(), TestSupport.tokenizer(tcfg), m, 1);
            Checkpoint.Encoded enc = Checkpoint.encode("clip-test", clip, 25, 99, Map.of("loss", 0.5));
            ModelManifest saved = Checkpoint.save(dir, "clip-test", clip, 25, 99, Map.of("loss", 0.5));
            assertEquals(saved, enc.manifest());
            for (var f : enc.files().entrySet()) {
                assertArrayEquals(
                        Files.readAllBytes(dir.resolve(f.getKey())), f.getValue(), f.getKey() + " byte for byte");
            }
            MiniClip other = new MiniClip(ClipConfig.tiny(), TestSupport.tokenizer(tcfg), m, 2);
            Checkpoint.load(enc.files(), other);
            for (var part : clip.parts().entrySet()) {
                for (var e : part.getValue().all().entrySet()) {
                    assertArrayEquals(
                            e.getValue().toFloatArray(),
                            other.parts().get(part.getKey()).get(e.getKey()).toFloatArray(),
                            e.getKey());
                }
            }
            Map<String, byte[]> bad = new LinkedHashMap<>(enc.files());
            byte[] text = bad.get("text.safetensors").clone();
            text[text.length - 3] ^= 1;
            bad.put("text.safetensors", text);
            var e = assertThrows(IOException.class, () -> Checkpoint.load(bad, other));
            assertTrue(e.getMessage().contains("text.safetensors"), e.getMessage());
        }
    }

    @Test
    void checkpointRoundTripAndChecksumMismatchNamesTheFile(@TempDir Path dir) throws Exception {
        TextEncoderConfig tcfg = TextEncoderConfig.tiny();
        try (NDManager m = TestSupport.manager()) {
            MiniClip clip = new MiniClip(ClipConfig.tiny(), TestSupport.tokenizer(tcfg), m, 1);
            clip.textEncoder().addTokens(List.of("<alice>"));
            ModelManifest saved = Checkpoint.save(dir, "clip-test", clip, 25, 99, Map.of("loss", 0.5));
            assertEquals(Checkpoint.verify(dir), saved);
            assertEquals(ClipConfig.tiny(), saved.config(ClipConfig.class));
            assertTrue(saved.sha256()
                    .keySet()
                    .containsAll(List.of("clip.safetensors", "text.safetensors", "tokenizer.json")));

            CaptionTokenizer tok = CaptionTokenizer.load(dir.resolve("tokenizer.json"));
            MiniClip other = new MiniClip(saved.config(ClipConfig.class), tok, m, 2);
            Checkpoint.load(dir, other);
            for (var part : clip.parts().entrySet()) {
                for (var e : part.getValue().all().entrySet()) {
                    assertArrayEquals(
                            e.getValue().toFloatArray(),
                            other.parts().get(part.getKey()).get(e.getKey()).toFloatArray(),
                            e.getKey());
                }
            }
            // Corrupt one byte of one weight file: loading must name that file.
            Path f = dir.resolve("text.safetensors");
            byte[] b = Files.readAllBytes(f);
            b[b.length - 1] ^= 1;
            Files.write(f, b);
            IOException ex = assertThrows(IOException.class, () -> Checkpoint.load(dir, other));
            assertTrue(
                    ex.getMessage().contains("text.safetensors")
                            && ex.getMessage().contains("checksum"),
                    ex.getMessage());
            clip.close();
            other.close();
        }
    }

    @Test
    void halfFloatConversionIsExactForRepresentableValues() {
        for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.333251953125f}) {
            assertEquals(f, Safetensors.halfToFloat(Safetensors.floatToHalf(f)), 0f, "round trip " + f);
        }
        assertEquals(Float.POSITIVE_INFINITY, Safetensors.halfToFloat(Safetensors.floatToHalf(1e6f)));
        assertEquals(1f / 3, Safetensors.halfToFloat(Safetensors.floatToHalf(1f / 3)), 1e-3f);
    }

    @Test
    void sdSafetensorsLoadIntoMiniModelsWithReport(@TempDir Path dir) throws Exception {
        try (NDManager m = TestSupport.manager();
                MiniUNet src = new MiniUNet(UNetConfig.tiny(), m, 1);
                MiniTextEncoder srcText = new MiniTextEncoder(
                        TextEncoderConfig.tiny(), TestSupport.tokenizer(TextEncoderConfig.tiny()), m, 1);
                MiniUNet dst = new MiniUNet(UNetConfig.tiny(), m, 2);
                MiniTextEncoder dstText = new MiniTextEncoder(
                        TextEncoderConfig.tiny(), TestSupport.tokenizer(TextEncoderConfig.tiny()), m, 2)) {
            // Write an SD-style checkpoint in F16 with the mini shapes, plus the usual extras.
            Map<String, Safetensors.Tensor> sd = new LinkedHashMap<>();
            src.params()
                    .all()
                    .forEach((k, v) -> sd.put(
                            "model.diffusion_model." + k,
                            new Safetensors.Tensor(v.getShape().getShape(), v.toFloatArray())));
            srcText.params()
                    .all()
                    .forEach((k, v) -> sd.put(
                            "cond_stage_model.transformer.text_model." + k,
                            new Safetensors.Tensor(v.getShape().getShape(), v.toFloatArray())));
            sd.remove("model.diffusion_model.out.2.bias"); // → missing
            sd.put(
                    "first_stage_model.decoder.conv_in.weight",
                    new Safetensors.Tensor(new long[] {2, 2}, new float[4])); // → unmapped (no VAE)
            sd.put(
                    "alphas_cumprod",
                    new Safetensors.Tensor(new long[] {3}, new float[] {0.9f, 0.8f, 0.7f})); // → ignored
            sd.put(
                    "cond_stage_model.transformer.text_model.final_layer_norm.weight",
                    new Safetensors.Tensor(new long[] {7}, new float[7])); // → mismatch
            Path file = dir.resolve("sd-mini.safetensors");
            Safetensors.write(file, sd, "F16", Map.of("format", "pt"));

            try (Safetensors st = Safetensors.open(file)) {
                assertEquals("F16", st.entries().get("alphas_cumprod").dtype());
                assertArrayEquals(
                        new float[] {0.9f, 0.8f, 0.7f},
                        st.read("alphas_cumprod").data(),
                        1e-3f);
                assertEquals("pt", st.metadata().get("format"));
            }
            SdWeightLoader.Report r = SdWeightLoader.load(file, dst, dstText);
            System.out.println("SD loader report: " + r);
            assertEquals(List.of("alphas_cumprod"), r.ignored());
            assertEquals(List.of("first_stage_model.decoder.conv_in.weight"), r.unmapped());
            assertTrue(
                    r.missing().contains("model.diffusion_model.out.2.bias"),
                    r.missing().toString());
            assertTrue(r.missing().contains("cond_stage_model.transformer.text_model.final_layer_norm.weight"));
            assertEquals(1, r.shapeMismatches().size());
            assertTrue(r.shapeMismatches().get(0).contains("final_layer_norm.weight"));
            assertFalse(r.complete());
            // A loaded tensor equals the source up to F16 precision.
            String n = "input_blocks.1.0.in_layers.2.weight";
            float[] a = src.params().get(n).toFloatArray(),
                    b = dst.params().get(n).toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3f + 1e-6f);
            float[] q = srcText.params()
                    .get("encoder.layers.0.self_attn.q_proj.weight")
                    .toFloatArray();
            assertEquals(
                    q[5],
                    dstText.params()
                            .get("encoder.layers.0.self_attn.q_proj.weight")
                            .toFloatArray()[5],
                    Math.abs(q[5]) * 1e-3f + 1e-6f);
        }
    }

    @Test
    void onnxScorerFallsBackToCpuAndRejectsANonClipModel() throws Exception {
        byte[] model;
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertNotNull(in, "MiniLM ONNX on the classpath");
            model = in.readAllBytes();
        }
        // No CUDA provider in this build: the CUDA attempt fails cleanly and CPU runs it.
        try (OnnxClipScorer s = new OnnxClipScorer(model, true)) {
            assertEquals("CPU", s.executionProvider());
            assertTrue(s.inputNames().contains("input_ids"));
            assertFalse(s.isClip());
            IllegalStateException ex = assertThrows(
                    IllegalStateException.class, () -> s.score(new float[3 * 4 * 4], 1, 4, new long[][] {{1, 2}}));
            assertTrue(ex.getMessage().contains("pixel_values"));
        }
    }
}

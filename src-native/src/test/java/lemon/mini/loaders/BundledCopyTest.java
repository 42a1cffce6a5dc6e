package lemon.mini.loaders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledCopyTest {
    @TempDir
    Path tmp;

    private String before;

    @BeforeEach
    void pointAtTemp() {
        before = System.getProperty("lemon.bundled-dir");
        System.setProperty("lemon.bundled-dir", tmp.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty("lemon.bundled-dir");
        else System.setProperty("lemon.bundled-dir", before);
    }

    private static Map<String, byte[]> files(String weights) {
        return Map.of(
                "manifest.json", "{}".getBytes(StandardCharsets.UTF_8),
                "unet/weights.safetensors", weights.getBytes(StandardCharsets.UTF_8));
    }

    private long copies() throws IOException {
        try (Stream<Path> s = Files.list(BundledCopy.root())) {
            return s.count();
        }
    }

    @Test
    void copiesOutOncePerContentAndReusesTheCopy() throws IOException {
        Path first = BundledCopy.of("diffusion", files("abc"));
        assertArrayEquals(
                "abc".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(first.resolve("unet/weights.safetensors")));
        assertEquals(first, BundledCopy.of("diffusion", files("abc")));
        assertEquals(1, copies(), "a second load reuses the first copy instead of leaving another");

        Path other = BundledCopy.of("diffusion", files("abd"));
        assertNotEquals(first, other, "other weights get their own copy");
        assertEquals(2, copies(), "and no half-written folder is left beside them");
    }

    @Test
    void aDamagedCopyIsReplaced() throws IOException {
        Path first = BundledCopy.of("clip", files("weights"));
        Files.delete(first.resolve("unet/weights.safetensors")); // as a tmp cleaner might
        Path again = BundledCopy.of("clip", files("weights"));
        assertEquals(first, again);
        assertTrue(Files.isRegularFile(again.resolve("unet/weights.safetensors")));
    }

    @Test
    void processesCopyingAtOnceEndWithOneCompleteCopy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) all.add(pool.submit(() -> BundledCopy.of("validator", files("same"))));
            Path one = all.get(0).get();
            for (Future<Path> f : all) assertEquals(one, f.get());
            assertEquals(1, copies());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingResourceIsNamed() {
        IOException e = assertThrows(
                IOException.class,
                () -> BundledCopy.read(BundledCopyTest.class, "/lemon/mini", List.of("no-such-file")));
        assertTrue(e.getMessage().contains("/lemon/mini/no-such-file"), e.getMessage());
    }
}

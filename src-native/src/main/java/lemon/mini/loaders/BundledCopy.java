package lemon.mini.loaders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import lemon.util.FileTrees;

/**
 * Weights bundled in a jar must be on disk for libtorch and ONNX Runtime to load. They are copied
 * out once per content into {@code <tmpdir>/lemon-bundled-<user>/<name>-<hash>} and reused by every later
 * process: a fresh temporary copy per load was never deleted, and test runs and CLI calls left
 * thousands of them (gigabytes) in /tmp. The copy is written beside its final place and renamed in
 * one step, so a process never sees half a copy, and two processes copying at once both end with
 * the same complete one.
 */
public final class BundledCopy {
    private BundledCopy() {}

    /** Where the copies go: one folder per user (a shared /tmp), a property so tests can point it elsewhere. */
    static Path root() {
        return Path.of(
                System.getProperty("lemon.bundled-dir", System.getProperty("java.io.tmpdir")),
                "lemon-bundled-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Reads classpath resources under {@code base} (relative path → bytes); a missing one is an error. */
    public static SortedMap<String, byte[]> read(Class<?> anchor, String base, Iterable<String> relativePaths)
            throws IOException {
        return read(anchor, base, relativePaths, true);
    }

    /** The same for resources a build may lack (older weights): those missing are left out. */
    public static SortedMap<String, byte[]> readPresent(Class<?> anchor, String base, Iterable<String> relativePaths)
            throws IOException {
        return read(anchor, base, relativePaths, false);
    }

    private static SortedMap<String, byte[]> read(
            Class<?> anchor, String base, Iterable<String> relativePaths, boolean required) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (String rel : relativePaths) {
            try (InputStream in = anchor.getResourceAsStream(base + "/" + rel)) {
                if (in != null) files.put(rel, in.readAllBytes());
                else if (required) throw new IOException("missing bundled resource " + base + "/" + rel);
            }
        }
        return files;
    }

    /** The directory holding exactly {@code files}, copied out now unless an identical copy is there. */
    public static Path of(String name, Map<String, byte[]> files) throws IOException {
        Path root = root();
        Path target = root.resolve(name + "-" + contentKey(files));
        if (complete(target, files)) return target;
        Files.createDirectories(root);
        Path partial = Files.createTempDirectory(root, "." + name + "-");
        try {
            for (var f : files.entrySet()) {
                Path p = partial.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            for (int attempt = 0; ; attempt++) {
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    break;
                } catch (IOException taken) {
                    if (complete(target, files)) break; // another process put the same copy there first
                    if (attempt == 2) throw taken;
                    // Damaged (a tmp cleaner took files): moved aside in one step, so a process
                    // still reading it keeps its files, then removed.
                    Path stale = root.resolve(".stale-" + name + "-" + System.nanoTime());
                    try {
                        Files.move(target, stale, StandardCopyOption.ATOMIC_MOVE);
                        FileTrees.delete(stale);
                    } catch (IOException gone) {
                        // another process moved it aside first
                    }
                }
            }
        } finally {
            if (Files.exists(partial)) FileTrees.delete(partial);
        }
        return target;
    }

    private static boolean complete(Path dir, Map<String, byte[]> files) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p) || Files.size(p) != f.getValue().length) return false;
        }
        return true;
    }

    private static String contentKey(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var f : new TreeMap<>(files).entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

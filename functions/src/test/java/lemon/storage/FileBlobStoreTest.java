package lemon.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lemon.port.BlobKeys;
import lemon.port.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    BlobStore newStore() {
        return new FileBlobStore(root);
    }

    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keysAreFilesUnderTheRoot() throws IOException {
        store.put("runs/r1/manifest.json", bytes("m"));
        assertArrayEquals(bytes("m"), Files.readAllBytes(root.resolve("runs/r1/manifest.json")));
        assertEquals(root.toAbsolutePath().normalize().toString(), store.describe());
    }

    @Test
    void aFailureBeforeTheRenameKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        BlobStore failing = new FileBlobStore(root, temp -> {
            assertEquals(5, Files.size(temp)); // fully written, not yet visible
            throw new IOException("disk gone");
        });
        store.put("runs/r1/a.json", bytes("old"));
        assertThrows(IOException.class, () -> failing.put("runs/r1/a.json", bytes("newer")));
        assertArrayEquals(bytes("old"), store.get("runs/r1/a.json").orElseThrow());
        assertEquals(List.of("a.json"), filesIn(root.resolve("runs/r1")));
    }

    @Test
    void aDirectoryInTheWayFailsThePutAndLeavesNoPartialFile() throws IOException {
        Files.createDirectories(root.resolve("runs/r1/a.json/inside"));
        Files.writeString(root.resolve("runs/r1/a.json/inside/keep"), "keep");
        store.put("runs/r1/b.json", bytes("other"));
        assertThrows(IOException.class, () -> store.put("runs/r1/a.json", bytes("new")));
        assertEquals(List.of("a.json", "b.json"), filesIn(root.resolve("runs/r1")));
        assertTrue(Files.isDirectory(root.resolve("runs/r1/a.json")));
        assertEquals("keep", Files.readString(root.resolve("runs/r1/a.json/inside/keep")));
        assertFalse(store.exists("runs/r1/a.json"));
        assertArrayEquals(bytes("other"), store.get("runs/r1/b.json").orElseThrow());
    }

    @Test
    void putIfAbsentLeavesNoTemporaryFileWhetherItWinsOrNot() throws IOException {
        assertTrue(store.putIfAbsent("runs/r1/m.json", bytes("a")));
        assertFalse(store.putIfAbsent("runs/r1/m.json", bytes("b")));
        assertEquals(List.of("m.json"), filesIn(root.resolve("runs/r1")));
    }

    /** Where a file system has no hard links, create-if-absent still has one winner (O_EXCL). */
    @Test
    void withoutHardLinksPutIfAbsentStillHasOneWinner() throws Exception {
        BlobStore noLinks = new FileBlobStore(root, temp -> {}, false);
        assertTrue(noLinks.putIfAbsent("runs/r2/m.json", bytes("first")));
        assertFalse(noLinks.putIfAbsent("runs/r2/m.json", bytes("second")));
        assertArrayEquals(bytes("first"), noLinks.get("runs/r2/m.json").orElseThrow());
        assertEquals(List.of("m.json"), filesIn(root.resolve("runs/r2")));
        store = noLinks;
        putIfAbsentHasExactlyOneWinnerUnderARace();
    }

    @Test
    void deleteRemovesTheFoldersItEmptiesButNotTheRoot() throws IOException {
        store.put("runs/r1/lease/a.json", bytes("a"));
        store.put("runs/r1/manifest.json", bytes("m"));
        store.delete("runs/r1/lease/a.json");
        assertEquals(List.of("manifest.json"), filesIn(root.resolve("runs/r1")));
        store.delete("runs/r1/manifest.json");
        assertEquals(List.of(), filesIn(root));
        assertTrue(Files.isDirectory(root));
        store.put("runs/r1/again.json", bytes("a")); // and the folders come back when needed
        assertArrayEquals(bytes("a"), store.get("runs/r1/again.json").orElseThrow());
    }

    @Test
    void listIgnoresTemporaryFiles() throws IOException {
        store.put("runs/r1/a", bytes("a"));
        Files.writeString(root.resolve("runs/r1/" + BlobKeys.TEMP_PREFIX + "123.tmp"), "half");
        assertEquals(List.of("runs/r1/a"), store.list("runs/"));
    }
}

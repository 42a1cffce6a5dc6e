package lemon.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import lemon.port.BlobKeys;
import lemon.port.BlobStore;
import lemon.run.RunOptions;
import lemon.run.RunStore;
import lemon.stage.Placement;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageLedger;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.testing.TestRuns;
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

    @Test
    void filesGetTheModeTheUmaskGivesLikeAnyOtherFile() throws IOException {
        store.put("runs/r1/report.html", bytes("<html>"));
        Path plain = Files.write(root.resolve("runs/r1/plain.txt"), bytes("plain"));
        assertEquals(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("runs/r1/report.html"))));
    }

    @Test
    void sweepRemovesOnlyTemporaryFilesOlderThanTheAgeGiven() throws IOException {
        store.put("runs/r1/a.json", bytes("a"));
        Path dead = Files.writeString(root.resolve("runs/r1/" + BlobKeys.TEMP_PREFIX + "killed.tmp"), "half");
        Path live = Files.writeString(root.resolve("runs/r1/" + BlobKeys.TEMP_PREFIX + "writing.tmp"), "half");
        Path deeper = Files.writeString(
                Files.createDirectories(root.resolve("runs/r1/portraits")).resolve(BlobKeys.TEMP_PREFIX + "killed.tmp"),
                "half");
        Path elsewhere = Files.writeString(
                Files.createDirectories(root.resolve("runs/r2")).resolve(BlobKeys.TEMP_PREFIX + "x.tmp"), "half");
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path p : List.of(dead, deeper, elsewhere, root.resolve("runs/r1/a.json"))) {
            Files.setLastModifiedTime(p, twoHoursAgo);
        }
        assertEquals(2, store.sweep("runs/r1/", Duration.ofHours(1)));
        assertFalse(Files.exists(dead) || Files.exists(deeper));
        assertTrue(Files.exists(live), "a write still under way is left alone");
        assertTrue(Files.exists(elsewhere), "only under the prefix");
        assertArrayEquals(bytes("a"), store.get("runs/r1/a.json").orElseThrow());
        assertEquals(0, store.sweep("runs/none/", Duration.ofHours(1)));
    }

    @Test
    void aStageStartSweepsWhatAKilledWriteLeft() throws IOException {
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(RunStore.ORPHAN_AGE.multipliedBy(2)));
        Path inUploads = Files.writeString(
                Files.createDirectories(root.resolve("uploads")).resolve(BlobKeys.TEMP_PREFIX + "1.tmp"), "half");
        Files.setLastModifiedTime(inUploads, twoHoursAgo);
        RunStore runs = TestRuns.create(store, "r", RunOptions.defaults(), List.of("ingest", "note"));
        assertFalse(Files.exists(inUploads), "ingest sweeps the upload's folder");

        Path inRun = Files.writeString(root.resolve("r/" + BlobKeys.TEMP_PREFIX + "2.tmp"), "half");
        Files.setLastModifiedTime(inRun, twoHoursAgo);
        Path recent = Files.writeString(root.resolve("r/" + BlobKeys.TEMP_PREFIX + "3.tmp"), "half");
        Stage note = new Stage() {
            @Override
            public StageSpec spec() {
                return new StageSpec("note", List.of(), List.of("note.txt"), Placement.LAMBDA, "test");
            }

            @Override
            public StageOutput run(StageContext run) {
                run.writeText("note.txt", "noted");
                return StageOutput.of("noted", java.util.Map.of());
            }
        };
        new StageLedger(runs, TestRuns.CLOCK).run(note, "r", 0);
        assertFalse(Files.exists(inRun), "the stage start sweeps the run's folder");
        assertTrue(Files.exists(recent), "younger than " + RunStore.ORPHAN_AGE + ": maybe a live write");
    }

    @Test
    void aHugeFileIsSizedNotRead() throws IOException {
        Path huge = Files.createDirectories(root.resolve("uploads/h")).resolve("huge.txt");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: no disk, but readAllBytes would need 3 GB of heap
        }
        BlobStore.Capped capped =
                store.getCapped("uploads/h/huge.txt", 2L * 1024 * 1024).orElseThrow();
        assertTrue(capped.overCap());
        assertEquals(3L * 1024 * 1024 * 1024, capped.size());
    }

    @Test
    void deleteOfAnUploadAndOfRunFilesLeavesNoEmptyFolders() throws IOException {
        store.put("uploads/0123/story.txt", bytes("s"));
        store.put("runs/r1/a", bytes("a"));
        store.put("runs/r1/b", bytes("b"));
        store.delete("uploads/0123/story.txt");
        store.delete("runs/r1/a");
        assertEquals(List.of("runs"), filesIn(root));
        assertEquals(List.of("b"), filesIn(root.resolve("runs/r1")));
        store.delete("runs/r1/b");
        assertEquals(List.of(), filesIn(root));
        store.put("runs/r1/c", bytes("c")); // and the folders come back when needed
        assertArrayEquals(bytes("c"), store.get("runs/r1/c").orElseThrow());
    }

    @Test
    void aFailedWriteSaysWhyInItsMessage() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        RunStore runs = new RunStore(new FileBlobStore(file));
        var e = assertThrows(java.io.UncheckedIOException.class, () -> runs.writeBytes("r", "a.json", bytes("a")));
        assertEquals(
                "cannot write r/a.json to " + file + ": cannot store runs in " + file + ": " + file
                        + " is a file, not a folder; choose another folder for the runs (--out DIR, or lemon.store)",
                e.getMessage());
    }
}

package lemon.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lemon.port.BlobKeys;
import lemon.port.BlobStore;
import lemon.port.StoreUnavailableException;

/**
 * {@link BlobStore} on a local directory: key {@code a/b.json} is the file {@code root/a/b.json}.
 * Writes go to a temporary file in the target directory, are fsynced, then renamed over the target
 * (atomic on POSIX file systems), so readers and crashes see the old bytes or the new, never a part.
 * Files get the mode the umask gives. A kill between the two leaves a {@code .lemon-tmp-*} file,
 * which {@link #sweep} removes once it is old enough to be certainly dead.
 */
public final class FileBlobStore implements BlobStore {
    /** Test seam: runs between writing the temporary file and renaming it into place. */
    interface BeforeCommit {
        void run(Path temp) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final BeforeCommit beforeCommit;
    private final boolean hardLinks;

    public FileBlobStore(Path root) {
        this(root, temp -> {});
    }

    FileBlobStore(Path root, BeforeCommit beforeCommit) {
        this(root, beforeCommit, true);
    }

    /** {@code hardLinks} false: test seam for the create-if-absent of file systems without links. */
    FileBlobStore(Path root, BeforeCommit beforeCommit, boolean hardLinks) {
        this.root = root.toAbsolutePath().normalize();
        this.beforeCommit = beforeCommit;
        this.hardLinks = hardLinks;
    }

    private Path file(String key) {
        return root.resolve(BlobKeys.check(key));
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = file(key);
        Path dir = target.getParent();
        Path temp = writeTemp(dir, bytes);
        try {
            beforeCommit.run(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw unusable(dir, e); // a full disk, say
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * Why no file can be made in {@code dir}, as a {@link StoreUnavailableException} that says how to
     * fix it when the cause is the store's folder itself; otherwise {@code e} as it was.
     */
    private IOException unusable(Path dir, IOException e) {
        String fix = "choose another folder for the runs (--out DIR, or lemon.store)";
        for (Path p = dir; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return new StoreUnavailableException(
                        "cannot store runs in " + root + ": " + p + " is a file, not a folder; "
                                + (p.startsWith(root) && !p.equals(root) ? "move it away, or " : "") + fix,
                        e);
            }
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : "";
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")) {
            return new StoreUnavailableException(
                    "cannot write to " + root + ": permission denied; " + fix + ", or make it writable", e);
        }
        if (reason.contains("Read-only file system")) {
            return new StoreUnavailableException(
                    "cannot write to " + root + ": it is on a read-only file system; " + fix, e);
        }
        if (reason.contains("No space left")) {
            return new StoreUnavailableException(
                    "cannot write to " + root + ": no space left on the device; free some space or " + fix, e);
        }
        return e;
    }

    /**
     * CREATE_NEW without attributes: the file gets the mode the umask gives, as any file the user
     * writes does (createTempFile would make every output 0600, unreadable to a web server or a
     * teammate). A folder that a concurrent delete just pruned as empty is made again.
     */
    private static FileChannel createTemp(Path temp) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(temp.getParent());
            try {
                return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * A hard link from the fully written temporary file is the atomic create-if-absent: link(2)
     * fails when the name exists and otherwise makes the whole file visible at once, which neither
     * a rename (it replaces) nor CREATE_NEW (readers see it grow) does.
     */
    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        Path target = file(key);
        Path dir = target.getParent();
        Path temp = writeTemp(dir, bytes);
        try {
            beforeCommit.run(temp);
            if (hardLinks) {
                try {
                    Files.createLink(target, temp);
                    syncDirectory(dir);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    // a file system without hard links (some network and FAT mounts): fall through
                }
            }
            return createNew(target, bytes);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Create-if-absent where links are impossible: still exactly one winner (O_EXCL), but a reader
     * may see the file before its bytes are all there, so only the fallback.
     */
    private static boolean createNew(Path target, byte[] bytes) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        try (ch) {
            write(ch, bytes);
        }
        return true;
    }

    /** The bytes in a new, fsynced temporary file beside the target. */
    private Path writeTemp(Path dir, byte[] bytes) throws IOException {
        Path temp = dir.resolve(BlobKeys.TEMP_PREFIX + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        FileChannel channel; // opened before the try: if that fails, there is nothing to clean up
        try {
            channel = createTemp(temp);
        } catch (IOException e) {
            throw unusable(dir, e);
        }
        try (FileChannel ch = channel) {
            write(ch, bytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
        ch.force(true);
    }

    /** Makes the rename itself durable; not every platform can open a directory, hence best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the data is already safe in the file; only the rename's durability is at stake
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted in between
        }
    }

    @Override
    public Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            if (ch.size() > maxBytes) {
                return Optional.of(Capped.over(ch.size())); // not a byte read
            }
            // bounded even so: the file may grow while it is read
            byte[] bytes = Channels.newInputStream(ch).readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            return Optional.of(
                    bytes.length > maxBytes
                            ? Capped.over(Math.max(ch.size(), bytes.length))
                            : new Capped(bytes.length, bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted in between
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(file(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        BlobKeys.checkPrefix(prefix);
        // Walk only the deepest directory the prefix names, not the whole store.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        // A store is listed while runs write to it: a temporary file renamed or a lease released between
        // reading a folder and looking at its entry is simply not there (S3 lists a snapshot too).
        List<String> keys = new java.util.ArrayList<>();
        Files.walkFileTree(start, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile() && !p.getFileName().toString().startsWith(BlobKeys.TEMP_PREFIX)) {
                    String k = root.relativize(p)
                            .toString()
                            .replace(p.getFileSystem().getSeparator(), "/");
                    if (k.startsWith(prefix)) keys.add(k);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) return java.nio.file.FileVisitResult.CONTINUE;
                throw e;
            }
        });
        keys.sort(null);
        return keys;
    }

    /**
     * Deletes the file and then the folders it leaves empty, up to the root, as S3 has no empty
     * "folders" either: a released lease or a removed upload leaves nothing behind.
     */
    @Override
    public void delete(String key) throws IOException {
        Path f = file(key);
        Files.deleteIfExists(f);
        for (Path dir = f.getParent();
                dir != null && dir.startsWith(root) && !dir.equals(root);
                dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                break; // in use, or another delete was first
            }
        }
    }

    /** Temporary files of puts that never reached their rename (the process was killed), by age. */
    @Override
    public int sweep(String prefix, Duration olderThan) throws IOException {
        BlobKeys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return 0;
        }
        FileTime cutoff = FileTime.from(Instant.now().minus(olderThan));
        List<Path> orphans;
        try (Stream<Path> files = Files.walk(start)) {
            orphans = files.filter(p -> p.getFileName().toString().startsWith(BlobKeys.TEMP_PREFIX))
                    .filter(p -> {
                        try {
                            return Files.isRegularFile(p)
                                    && Files.getLastModifiedTime(p).compareTo(cutoff) < 0;
                        } catch (IOException e) {
                            return false; // renamed or deleted meanwhile: not an orphan
                        }
                    })
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int removed = 0;
        for (Path p : orphans) {
            if (Files.deleteIfExists(p)) {
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String describe() {
        return root.toString();
    }
}

package lemon.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lemon.port.BlobStore;

/** Typed access to one run's files in a BlobStore: keys are {@code <runId>/<file>}. */
public final class RunStore {
    public static final String MANIFEST = "manifest.json";

    /**
     * How long a temporary file must sit untouched before a stage start removes it as the orphan of a
     * killed write. A put holds its temporary file for the milliseconds to seconds of one write, and
     * every write moves its modification time; an hour is four times the workflow's longest state
     * timeout (900 s), so no live writer, however slow, is ever swept.
     */
    public static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private final BlobStore blobs;

    public RunStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /**
     * The runs of one tenant: this store's {@code tenants/<tenant>/} folder, with its uploads (from
     * {@code uploads/<tenant>/}) under {@code uploads/}; blank is this store itself.
     */
    public RunStore forTenant(String tenant) {
        if (tenant == null || tenant.isBlank()) return this;
        return new RunStore(new lemon.port.TenantBlobStore(
                blobs, lemon.upload.UploadSlot.folderOf(tenant), lemon.upload.UploadSlot.uploadsOf(tenant)));
    }

    /**
     * The manifests of this folder's runs, in key order: every top-level folder with a valid run id and
     * a manifest. Deeper keys (another tenant's runs below the store's top, a run's own files), uploads
     * (no manifest) and manifests this code cannot read (another version's) are left out, so a listing
     * never stops at one; a store that cannot be listed is an UncheckedIOException.
     */
    public List<RunManifest> manifests() {
        List<RunManifest> out = new ArrayList<>();
        try {
            for (String key : blobs.list("")) { // every key once: one listing, however many runs
                int slash = key.indexOf('/');
                if (slash < 0 || !key.substring(slash + 1).equals(MANIFEST)) continue;
                String runId = key.substring(0, slash);
                if (!RunIds.valid(runId)) continue;
                try {
                    read(runId, MANIFEST, new TypeReference<RunManifest>() {}).ifPresent(out::add);
                } catch (UncheckedIOException unreadable) {
                    // not a manifest this code can read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + blobs.describe(), e);
        }
        return out;
    }

    /**
     * The same runs through a store that counts every request and byte into {@code usage}: what one
     * stage call made of the store, as S3 would bill it ({@link lemon.port.MeteredBlobStore}).
     */
    public RunStore metered(lemon.port.StageAttempt.Usage usage) {
        return new RunStore(new lemon.port.MeteredBlobStore(blobs, usage));
    }

    /**
     * Sweeps orphaned temporary files under {@code prefix} ({@link #ORPHAN_AGE}). Best effort: an
     * orphan that stays is swept at the next stage start, and no stage should fail over one.
     */
    public void sweepOrphans(String prefix) {
        try {
            blobs.sweep(prefix, ORPHAN_AGE);
        } catch (IOException | UncheckedIOException e) {
            // the stage's own reads and writes will report a store that really is broken
        }
    }

    /** Every key of a run goes through here, so an invalid run id never reaches the store. */
    public static String key(String runId, String file) {
        return RunIds.check(runId) + "/" + file;
    }

    public boolean exists(String runId) {
        try {
            return blobs.exists(key(runId, MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RunManifest manifest(String runId) {
        return read(runId, MANIFEST, new TypeReference<RunManifest>() {})
                .orElseThrow(() -> new UnknownRunException(runId, blobs.describe()));
    }

    /**
     * Creates the run: writes its manifest only if the run id is free, atomically, so of two
     * requests racing for one id exactly one creates it.
     *
     * @return false when the run already existed (nothing was written)
     */
    public boolean create(RunManifest manifest) {
        String key = key(manifest.runId(), MANIFEST);
        try {
            return blobs.putIfAbsent(key, Json.bytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key + " to " + blobs.describe(), e);
        }
    }

    public void save(RunManifest manifest) {
        write(manifest.runId(), MANIFEST, manifest);
    }

    public void write(String runId, String file, Object value) {
        writeBytes(runId, file, Json.bytes(value));
    }

    public void writeBytes(String runId, String file, byte[] bytes) {
        try {
            blobs.put(key(runId, file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + key(runId, file) + " to " + blobs.describe() + ": " + because(e), e);
        }
    }

    public <T> Optional<T> read(String runId, String file, TypeReference<T> type) {
        try {
            Optional<byte[]> bytes = blobs.get(key(runId, file));
            if (bytes.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.readValue(bytes.get(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + key(runId, file) + " from " + blobs.describe() + ": " + because(e), e);
        }
    }

    public <T> T require(String runId, String file, TypeReference<T> type) {
        return read(runId, file, type)
                .orElseThrow(() -> new IllegalStateException(
                        "run " + runId + " has no " + file + " yet; the stage that writes it has not completed"));
    }

    /** Why, in words: a failed stage reports only its exception's message, so the reason must be in it. */
    private static String because(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName() + " " + f.getFile();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Thrown when a run id names nothing in the store. */
    public static final class UnknownRunException extends RuntimeException {
        public UnknownRunException(String runId, String where) {
            super("no run '" + runId + "' in " + where);
        }
    }
}

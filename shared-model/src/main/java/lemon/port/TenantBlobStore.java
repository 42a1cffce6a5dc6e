package lemon.port;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's view of the store: its runs in {@code tenants/<tenant>/} and its uploads in
 * {@code uploads/<tenant>/}, seen as one store whose {@code uploads/} folder is the latter. Uploads
 * sit apart from runs so that the bucket's upload notification and expiry rule need one fixed
 * prefix ({@code uploads/}) and never fire for what runs write; through this view a tenant still
 * reaches nothing of another's.
 */
public final class TenantBlobStore implements BlobStore {
    /** The folder of every tenant's uploads, relative to the store root, and of one tenant's in its view. */
    public static final String UPLOADS = "uploads/";

    private final PrefixedBlobStore runs;
    private final PrefixedBlobStore uploads;

    public TenantBlobStore(BlobStore root, String tenantFolder, String uploadsFolder) {
        this.runs = new PrefixedBlobStore(root, tenantFolder);
        this.uploads = new PrefixedBlobStore(root, uploadsFolder);
    }

    private record Routed(BlobStore store, String key) {}

    private Routed route(String key) {
        return key != null && key.startsWith(UPLOADS)
                ? new Routed(uploads, key.substring(UPLOADS.length()))
                : new Routed(runs, key);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Routed r = route(key);
        r.store.put(r.key, bytes);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        Routed r = route(key);
        return r.store.putIfAbsent(r.key, bytes);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        Routed r = route(key);
        return r.store.get(r.key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        Routed r = route(key);
        return r.store.exists(r.key);
    }

    @Override
    public Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        Routed r = route(key);
        return r.store.getCapped(r.key, maxBytes);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        String p = prefix == null ? "" : prefix;
        if (p.startsWith(UPLOADS)) {
            return uploads.list(p.substring(UPLOADS.length())).stream()
                    .map(k -> UPLOADS + k)
                    .toList();
        }
        // a runs key under uploads/ could not be reached by get: it is not listed either
        List<String> keys = new ArrayList<>(
                runs.list(p).stream().filter(k -> !k.startsWith(UPLOADS)).toList());
        if (UPLOADS.startsWith(p)) { // "" or a start of "uploads/": the uploads are under it too
            uploads.list("").forEach(k -> keys.add(UPLOADS + k));
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public void delete(String key) throws IOException {
        Routed r = route(key);
        r.store.delete(r.key);
    }

    @Override
    public int sweep(String prefix, Duration olderThan) throws IOException {
        String p = prefix == null ? "" : prefix;
        if (p.startsWith(UPLOADS)) return uploads.sweep(p.substring(UPLOADS.length()), olderThan);
        return runs.sweep(p, olderThan) + (UPLOADS.startsWith(p) ? uploads.sweep("", olderThan) : 0);
    }

    @Override
    public String describe() {
        return runs.describe();
    }
}

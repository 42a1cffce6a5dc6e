package lemon.port;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A store's folder seen as a store of its own: every key is read and written under {@code prefix},
 * and listings give keys relative to it. A tenant's runs live in such a view ({@code tenants/<id>/}),
 * so nothing reached through it can name a key outside the folder.
 */
public final class PrefixedBlobStore implements BlobStore {
    private final BlobStore root;
    private final String prefix;

    /** {@code prefix}: non-empty, ending in '/', no leading '/'. */
    public PrefixedBlobStore(BlobStore root, String prefix) {
        if (prefix == null || prefix.isEmpty() || !prefix.endsWith("/") || prefix.startsWith("/")) {
            throw new IllegalArgumentException(
                    "a store's folder is non-empty, ends in '/' and has no leading '/': '" + prefix + "'");
        }
        this.root = root;
        this.prefix = prefix;
    }

    /**
     * A folder as keys are prefixed with it: "" for none (null, blank or only slashes), otherwise
     * without leading or trailing slashes and with one '/' after it ({@code "/runs/"} → {@code "runs/"}).
     */
    public static String folder(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        return p.isEmpty() ? "" : p + "/";
    }

    /** A key of this view, checked: no way out of the folder by '..' or an absolute path. */
    private String inside(String key) {
        if (key == null
                || key.startsWith("/")
                || key.equals("..")
                || key.startsWith("../")
                || key.contains("/../")
                || key.endsWith("/..")) {
            throw new IllegalArgumentException("key '" + key + "' leaves the store's folder " + prefix);
        }
        return prefix + key;
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        root.put(inside(key), bytes);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
        return root.putIfAbsent(inside(key), bytes);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        return root.get(inside(key));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return root.exists(inside(key));
    }

    @Override
    public Optional<Capped> getCapped(String key, long maxBytes) throws IOException {
        return root.getCapped(inside(key), maxBytes);
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        return root.list(prefix + (keyPrefix == null ? "" : keyPrefix)).stream()
                .map(k -> k.substring(prefix.length()))
                .toList();
    }

    @Override
    public void delete(String key) throws IOException {
        root.delete(inside(key));
    }

    @Override
    public int sweep(String keyPrefix, Duration olderThan) throws IOException {
        return root.sweep(prefix + (keyPrefix == null ? "" : keyPrefix), olderThan);
    }

    @Override
    public String describe() {
        String r = root.describe();
        return r + (r.endsWith("/") ? "" : "/") + prefix;
    }
}

package lemon.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import lemon.port.BlobStore;

/** A BlobStore in a sorted map: what stage tests run on. Puts replace whole values, so they are atomic. */
public final class InMemoryBlobStore implements BlobStore {
    private final ConcurrentSkipListMap<String, byte[]> blobs = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] bytes) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("bad key '" + key + "'");
        }
        blobs.put(key, bytes.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(blobs.get(key)).map(byte[]::clone);
    }

    @Override
    public boolean exists(String key) {
        return blobs.containsKey(key);
    }

    @Override
    public List<String> list(String prefix) {
        return blobs.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String key) {
        blobs.remove(key);
    }

    @Override
    public String describe() {
        return "memory";
    }
}

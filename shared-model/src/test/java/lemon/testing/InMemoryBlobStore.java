package lemon.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import lemon.port.BlobKeys;
import lemon.port.BlobStore;

/** A BlobStore in a sorted map, with the real stores' key rules: what stage tests run on. */
public final class InMemoryBlobStore implements BlobStore {
    private final ConcurrentSkipListMap<String, byte[]> blobs = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, byte[] bytes) {
        blobs.put(BlobKeys.check(key), bytes.clone());
    }

    @Override
    public boolean putIfAbsent(String key, byte[] bytes) {
        return blobs.putIfAbsent(BlobKeys.check(key), bytes.clone()) == null;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(blobs.get(BlobKeys.check(key))).map(byte[]::clone);
    }

    @Override
    public boolean exists(String key) {
        return blobs.containsKey(BlobKeys.check(key));
    }

    @Override
    public List<String> list(String prefix) {
        BlobKeys.checkPrefix(prefix);
        return blobs.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String key) {
        blobs.remove(BlobKeys.check(key));
    }

    @Override
    public String describe() {
        return "memory";
    }
}

package lemon.engine.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lemon.engine.text.MiniLmEncoder;
import lemon.port.TextEncoder;

/** MiniLM with a memo, shared by tests that encode the whole database, to keep the suite fast. */
final class CachingEncoder implements TextEncoder {
    static final CachingEncoder SHARED = new CachingEncoder();

    private final Map<String, float[]> memo = new ConcurrentHashMap<>();

    @Override
    public int dimension() {
        return MiniLmEncoder.DIMENSION;
    }

    @Override
    public synchronized float[][] encode(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) if (!memo.containsKey(t) && !missing.contains(t)) missing.add(t);
        if (!missing.isEmpty()) {
            float[][] v = MiniLmEncoder.get().encode(missing);
            for (int i = 0; i < v.length; i++) memo.put(missing.get(i), v[i]);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) out[i] = memo.get(texts.get(i));
        return out;
    }
}

package lemon.engine.matcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.cd.CdDatabase;
import lemon.engine.text.MiniLmEncoder;
import lemon.port.CharacterRetriever;
import lemon.port.TextEncoder;
import lemon.retrieval.MlpHead;
import lemon.retrieval.PairEmbeddings;
import lemon.retrieval.TopK;
import lemon.retrieval.Vectors;
import lemon.story.CdPair;
import lemon.story.CharacterMatch;

/**
 * The portrait-prompting model at inference (§4.1): a character is the normalised mean of
 * head(MiniLM(window)) over its masked context windows; each C.D. pair is encoded the same way
 * from its own context; the top-K pairs by cosine are returned. Thread-safe after construction.
 */
public final class HeadRetriever implements CharacterRetriever {
    public static final String HEAD_RESOURCE = "/lemon/matcher/head.lmhd";
    public static final String EMBEDDINGS_RESOURCE = "/lemon/matcher/cd-embeddings.lmpe";

    private final CdDatabase db;
    private final MlpHead head;
    private final TextEncoder encoder;
    private final TopK index;
    private final boolean fromCache;

    /**
     * @param cached precomputed pair embeddings, used only when their database and head checksums
     *               (and pair ids) match; otherwise the pairs are encoded now and kept in memory
     */
    public HeadRetriever(CdDatabase db, MlpHead head, TextEncoder encoder, PairEmbeddings cached) {
        this.db = db;
        this.head = head;
        this.encoder = encoder;
        List<String> ids = db.pairs().stream().map(CdPair::id).toList();
        if (cached != null && cached.matches(db.checksum(), head.checksum(), ids)) {
            this.index = TopK.of(cached.vectors());
            this.fromCache = true;
        } else {
            this.index = TopK.of(encodePairs(db, head, encoder));
            this.fromCache = false;
        }
    }

    private static final class BundledHolder {
        static final HeadRetriever INSTANCE =
                new HeadRetriever(CdDatabase.bundled(), bundledHead(), MiniLmEncoder.get(), bundledEmbeddings());
    }

    /** Bundled database, bundled head, MiniLM, precomputed embeddings: loaded once. */
    public static HeadRetriever bundled() {
        return BundledHolder.INSTANCE;
    }

    /** The same model over a user-supplied database (its pairs are encoded on construction). */
    public static HeadRetriever forDatabase(CdDatabase db) {
        return new HeadRetriever(db, bundledHead(), MiniLmEncoder.get(), bundledEmbeddings());
    }

    public static MlpHead bundledHead() {
        return MlpHead.loadResource(HeadRetriever.class, HEAD_RESOURCE);
    }

    /** The committed embeddings of the bundled database, or null when absent. */
    public static PairEmbeddings bundledEmbeddings() {
        try (InputStream in = HeadRetriever.class.getResourceAsStream(EMBEDDINGS_RESOURCE)) {
            return in == null ? null : PairEmbeddings.read(EMBEDDINGS_RESOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each pair: normalised mean of head(MiniLM(masked window)) over its context windows. */
    public static float[][] encodePairs(CdDatabase db, MlpHead head, TextEncoder encoder) {
        Map<String, List<String>> cast = MatcherData.castByScript(db.pairs());
        List<String> texts = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (CdPair p : db.pairs()) {
            int from = texts.size();
            texts.addAll(MatcherData.maskedWindows(p, cast.get(p.script())));
            ranges.add(new int[] {from, texts.size()});
        }
        float[][] raw = encoder.encode(texts);
        float[][] out = new float[ranges.size()][];
        for (int i = 0; i < out.length; i++) {
            List<float[]> proj = new ArrayList<>();
            for (int j = ranges.get(i)[0]; j < ranges.get(i)[1]; j++) proj.add(head.apply(raw[j]));
            out[i] = Vectors.meanNormalized(proj);
        }
        return out;
    }

    /** Writes the embedding cache for {@code db} and {@code head} (what the bundled resource holds). */
    public static void writeEmbeddings(Path file, CdDatabase db, MlpHead head, TextEncoder encoder) throws IOException {
        new PairEmbeddings(
                        db.checksum(),
                        head.checksum(),
                        db.pairs().stream().map(CdPair::id).toList(),
                        encodePairs(db, head, encoder))
                .write(file);
    }

    /** Whether the pair embeddings came from the verified cache rather than being computed. */
    public boolean usedCache() {
        return fromCache;
    }

    /** The head-space embedding of one character from its masked windows (null when none). */
    public float[] embedCharacter(List<String> windows) {
        if (windows == null || windows.isEmpty()) return null;
        List<float[]> proj = new ArrayList<>();
        for (float[] v : encoder.encode(windows)) proj.add(head.apply(v));
        return Vectors.meanNormalized(proj);
    }

    @Override
    public List<CharacterMatch> match(Map<String, List<String>> contextsByCharacterId, int k) {
        List<CharacterMatch> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : contextsByCharacterId.entrySet()) {
            float[] q = embedCharacter(e.getValue());
            List<CharacterMatch.Scored> scored = new ArrayList<>();
            if (q != null) {
                for (TopK.Hit h : index.search(q, k)) {
                    CdPair p = db.pairs().get(h.index());
                    scored.add(new CharacterMatch.Scored(p.id(), p.script(), p.character(), h.score()));
                }
            }
            out.add(new CharacterMatch(e.getKey(), scored));
        }
        return out;
    }

    @Override
    public CdPair pair(String cdId) {
        return db.byId(cdId);
    }

    @Override
    public String name() {
        return "minilm-l6-v2+mlp-head:" + head.checksum().substring(0, 12);
    }
}

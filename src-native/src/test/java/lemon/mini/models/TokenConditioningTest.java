package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Learned vectors enter the text encoder no longer than its longest word, with or without mapper offsets. */
class TokenConditioningTest {
    static final TextEncoderConfig CFG = TextEncoderConfig.tiny();
    static final float[] T = {400};

    @Test
    void aWordsOwnRowPassesUnchangedAndALongerVectorIsShortenedToTheLongestWord() {
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(CFG, TestSupport.tokenizer(CFG), m, 1);
                NDManager scope = m.newSubManager()) {
            enc.params().attachTo(scope);
            NDArray ids = enc.tokenIds(scope, List.of("a man with red hair"));
            NDArray place = placementOf(enc, ids, "man");
            float[] man = enc.embeddingOf("man");
            float longest = enc.longestWordNorm();
            assertTrue(norm(man) <= longest);

            float[] plain = enc.forward(ids).states().toFloatArray();
            assertArrayEquals(plain, statesWith(enc, ids, place, man, null), 1e-5f, "a word's row encodes as the word");

            float[] far = scaled(man, 40 / norm(man));
            float[] atLongest = enc.forward(ids, place, vectors(scope, scaled(man, longest / norm(man))))
                    .states()
                    .toFloatArray();
            float[] capped = statesWith(enc, ids, place, far, null);
            assertArrayEquals(
                    atLongest, capped, 1e-4f, "40 long reads as the same direction at the longest word's length");
            assertTrue(maxDiff(plain, capped) > 1e-3, "the longer vector is not shortened to the word's own length");
        }
    }

    @Test
    void largeMapperOffsetsAreCappedWithTheToken() {
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(CFG, TestSupport.tokenizer(CFG), m, 1);
                TokenMapper mapper = new TokenMapper(TokenMapper.Config.of(CFG.width(), 2, 1000), m, 3);
                NDManager scope = m.newSubManager()) {
            Random r = new Random(7);
            float[] w = new float[CFG.width() * 128];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 5f; // offsets far longer than words
            mapper.params().load("out.weight", new long[] {CFG.width(), 128}, w);
            enc.params().attachTo(scope);
            mapper.params().attachTo(scope);
            NDArray ids = enc.tokenIds(scope, List.of("a woman in a park"));
            NDArray place = placementOf(enc, ids, "woman");
            float[] token = enc.embeddingOf("woman");

            float[] offset = mapper.offsets(vectors(scope, token).get(0), T, 1).toFloatArray();
            float[] sum = new float[token.length];
            for (int i = 0; i < sum.length; i++) sum[i] = token[i] + offset[i];
            assertTrue(norm(sum) > 5 * enc.longestWordNorm(), "the test needs an offset longer than any word");
            float[] expected = enc.forward(ids, place, vectors(scope, scaled(sum, enc.longestWordNorm() / norm(sum))))
                    .states()
                    .toFloatArray();
            assertArrayEquals(expected, statesWith(enc, ids, place, token, mapper), 1e-4f);
        }
    }

    @Test
    void everyLayerEncodedInOnePassReadsAsThatLayerEncodedAloneAndANewTimestepIsEncodedAgain() {
        int layers = 3;
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(CFG, TestSupport.tokenizer(CFG), m, 1);
                TokenMapper mapper = new TokenMapper(TokenMapper.Config.of(CFG.width(), layers, 1000), m, 3);
                NDManager scope = m.newSubManager()) {
            Random r = new Random(11);
            float[] w = new float[CFG.width() * 128];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian() * 0.05f; // offsets within the cap
            mapper.params().load("out.weight", new long[] {CFG.width(), 128}, w);
            enc.params().attachTo(scope);
            mapper.params().attachTo(scope);
            NDArray ids = enc.tokenIds(scope, List.of("a woman in a park", "a man with red hair"));
            long len = ids.getShape().get(1);
            float[] place = new float[2 * (int) len];
            long[] row = ids.toLongArray();
            for (int b = 0; b < 2; b++)
                for (int p = 0; p < len; p++)
                    if (row[b * (int) len + p] == enc.tokenizer().id(b == 0 ? "woman" : "man"))
                        place[b * (int) len + p] = 1f;
            NDArray placement = scope.create(place, new Shape(2, len, 1));
            NDArray token = scope.create(enc.embeddingOf("woman"), new Shape(1, CFG.width()));
            var cond = new TokenConditioning(enc, ids, placement, token, mapper, null);
            for (float[] t : List.of(new float[] {400, 700}, new float[] {100, 900})) {
                for (int layer = 0; layer < layers; layer++) {
                    float[] v = token.expandDims(0)
                            .repeat(0, 2)
                            .add(mapper.offsets(token, t, layer)) // [2, 1, width]: one per row
                            .toFloatArray();
                    for (int b = 0; b < 2; b++) { // the cap, as for one layer
                        float[] one = java.util.Arrays.copyOfRange(v, b * CFG.width(), (b + 1) * CFG.width());
                        float by = Math.min(1f, enc.longestWordNorm() / norm(one));
                        for (int i = 0; i < one.length; i++) v[b * CFG.width() + i] = one[i] * by;
                    }
                    NDArray alone = enc.forward(ids, placement, scope.create(v, new Shape(2, 1, CFG.width())))
                            .states();
                    assertArrayEquals(
                            alone.toFloatArray(),
                            cond.context(layer, t).toFloatArray(),
                            1e-5f,
                            "layer " + layer + " at t = " + t[0] + ", " + t[1]);
                }
                assertTrue(
                        maxDiff(
                                        cond.context(0, t).toFloatArray(),
                                        cond.context(2, t).toFloatArray())
                                > 1e-4,
                        "the layers' offsets must tell their states apart for this test to mean anything");
            }
        }
    }

    @Test
    void anIsolatedTokenChangesOnlyItsOwnPersonsWordsAndARowOfOnePersonEncodesAsBefore() {
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(CFG, TestSupport.tokenizer(CFG), m, 1);
                NDManager scope = m.newSubManager()) {
            enc.params().attachTo(scope);
            TwoPeople people = twoPeople(enc, scope);
            NDArray ids = people.ids(), placement = people.placement();
            int len = people.owner().length, woman = people.woman(), end = people.end();
            int[] owner = people.owner();
            float[] his = enc.embeddingOf("red"), hers = enc.embeddingOf("green"), other = enc.embeddingOf("blue");
            float[] stand = TokenConditioning.standIn(enc);
            RegionMask two = new RegionMask(new int[][] {owner});

            TokenConditioning herFirst = new TokenConditioning(enc, ids, placement, pair(scope, his, hers), null, null);
            TokenConditioning herSecond =
                    new TokenConditioning(enc, ids, placement, pair(scope, his, other), null, null);
            float[] a = herFirst.isolated(two, stand).context(0, T).toFloatArray();
            float[] b = herSecond.isolated(two, stand).context(0, T).toFloatArray();
            int w = CFG.width();
            for (int p = 0; p < len; p++) {
                float[] pa = java.util.Arrays.copyOfRange(a, p * w, (p + 1) * w);
                float[] pb = java.util.Arrays.copyOfRange(b, p * w, (p + 1) * w);
                if (owner[p] == 1) {
                    if (p >= woman) assertTrue(maxDiff(pa, pb) > 1e-4, "her own words read her token, at " + p);
                } else
                    assertArrayEquals(pa, pb, 1e-6f, "her token reached position " + p + " (owner " + owner[p] + ")");
            }
            assertArrayEquals(
                    herFirst.isolated(two, stand).pooled().toFloatArray(),
                    herSecond.isolated(two, stand).pooled().toFloatArray(),
                    1e-6f,
                    "the pooled vector, read everywhere, does not see her token");
            float[] plainA = herFirst.context(0, T).toFloatArray(),
                    plainB = herSecond.context(0, T).toFloatArray();
            float[] lastA = java.util.Arrays.copyOfRange(plainA, (len - 1) * w, len * w);
            float[] lastB = java.util.Arrays.copyOfRange(plainB, (len - 1) * w, len * w);
            assertTrue(maxDiff(lastA, lastB) > 1e-4, "without isolation her token reaches the scene's last words");
            // her words as encoded with the man's token standing in as "person"
            float[] expected = enc.forward(
                            ids, placement, pair(scope, stand, hers).expandDims(0))
                    .states()
                    .toFloatArray();
            for (int p = woman - 1; p <= end; p++)
                assertArrayEquals(
                        java.util.Arrays.copyOfRange(expected, p * w, (p + 1) * w),
                        java.util.Arrays.copyOfRange(a, p * w, (p + 1) * w),
                        1e-5f,
                        "her word at " + p);

            int[] alone = owner.clone(); // one person: isolation has nothing to keep apart
            for (int p = 0; p < len; p++) alone[p] = Math.min(alone[p], 0);
            assertArrayEquals(
                    plainA,
                    herFirst.isolated(new RegionMask(new int[][] {alone}), stand)
                            .context(0, T)
                            .toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void eachTokenMayHaveItsOwnStandInTheWordNearestIt() {
        try (NDManager m = TestSupport.manager();
                MiniTextEncoder enc = new MiniTextEncoder(CFG, TestSupport.tokenizer(CFG), m, 1);
                NDManager scope = m.newSubManager()) {
            enc.params().attachTo(scope);
            TwoPeople people = twoPeople(enc, scope);
            NDArray ids = people.ids(), placement = people.placement();
            RegionMask two = new RegionMask(new int[][] {people.owner()});
            float[] manWord = enc.embeddingOf("man"), womanWord = enc.embeddingOf("woman");
            TokenConditioning learned = new TokenConditioning(
                    enc, ids, placement, pair(scope, enc.embeddingOf("red"), enc.embeddingOf("green")), null, null);

            // the scene's pass (and the pooled vector every pixel reads) hears each token as its own word
            float[] expected = enc.forward(
                            ids, placement, pair(scope, manWord, womanWord).expandDims(0))
                    .pooled()
                    .toFloatArray();
            float[] own = learned.isolated(two, new float[][] {manWord, womanWord})
                    .pooled()
                    .toFloatArray();
            assertArrayEquals(expected, own, 1e-5f);
            float[] oneForAll = learned.isolated(two, TokenConditioning.standIn(enc))
                    .pooled()
                    .toFloatArray();
            assertTrue(maxDiff(expected, oneForAll) > 1e-4, "one stand-in for all is another vector");

            // a token near a person word finds it; one near none gets the "person" stand-in
            float[] nearMan = manWord.clone();
            for (int i = 0; i < nearMan.length; i++) nearMan[i] += 0.01f * (i % 2 == 0 ? 1 : -1);
            float[] none = new float[manWord.length];
            for (int i = 0; i < none.length; i++) none[i] = (float) Math.sin(7 * i + 1);
            // orthogonal to every person word (repeated, as they are not orthogonal to each other)
            for (int round = 0; round < 5; round++) {
                for (String w : List.of("man", "woman", "boy", "girl")) {
                    if (enc.tokenizer().id(w) == CaptionTokenizer.UNK_ID) continue;
                    float[] v = enc.embeddingOf(w);
                    double dot = 0, vv = 0;
                    for (int i = 0; i < v.length; i++) {
                        dot += none[i] * v[i];
                        vv += v[i] * v[i];
                    }
                    for (int i = 0; i < v.length; i++) none[i] -= (float) (dot / vv) * v[i];
                }
            }
            float[] person = TokenConditioning.standIn(enc); // what a token of no known sex starts from
            float[][] near = TokenConditioning.nearestWords(enc, List.of(womanWord, nearMan, none, person));
            assertArrayEquals(womanWord, near[0]);
            assertArrayEquals(manWord, near[1]);
            assertArrayEquals(person, near[2], 1e-6f);
            assertArrayEquals(person, near[3], 1e-6f);
        }
    }

    /** "a man with red hair a woman with black hair": his token on "man", hers on "woman", who owns which word. */
    record TwoPeople(NDArray ids, NDArray placement, int[] owner, int woman, int end) {}

    private static TwoPeople twoPeople(MiniTextEncoder enc, NDManager scope) {
        NDArray ids = enc.tokenIds(scope, List.of("a man with red hair a woman with black hair"));
        long[] row = ids.toLongArray();
        int len = row.length, man = indexOf(row, enc, "man", 0), woman = indexOf(row, enc, "woman", 0);
        int end = indexOf(row, enc, "hair", woman);
        int[] owner = new int[len]; // the man's words, the woman's, and the rest the scene's
        for (int p = 0; p < len; p++)
            owner[p] = p >= man - 1 && p < woman - 1 ? 0 : p >= woman - 1 && p <= end ? 1 : -1;
        float[] place = new float[len * 2];
        place[man * 2] = 1f;
        place[woman * 2 + 1] = 1f;
        return new TwoPeople(ids, scope.create(place, new Shape(1, len, 2)), owner, woman, end);
    }

    private static NDArray pair(NDManager scope, float[] first, float[] second) {
        float[] v = new float[first.length * 2];
        System.arraycopy(first, 0, v, 0, first.length);
        System.arraycopy(second, 0, v, first.length, second.length);
        return scope.create(v, new Shape(2, first.length));
    }

    private static int indexOf(long[] row, MiniTextEncoder enc, String word, int from) {
        for (int p = from; p < row.length; p++) if (row[p] == enc.tokenizer().id(word)) return p;
        throw new AssertionError(word + " is not in the caption");
    }

    /** The states layer 1 reads at timestep T with {@code token} learned at the placement. */
    private static float[] statesWith(
            MiniTextEncoder enc, NDArray ids, NDArray place, float[] token, TokenMapper mapper) {
        NDManager scope = ids.getManager();
        var cond =
                new TokenConditioning(enc, ids, place, scope.create(token, new Shape(1, token.length)), mapper, null);
        return cond.context(1, T).toFloatArray();
    }

    /** [1, T, 1]: one at the first position holding {@code word}. */
    private static NDArray placementOf(MiniTextEncoder enc, NDArray ids, String word) {
        long[] row = ids.toLongArray();
        float[] place = new float[row.length];
        int id = enc.tokenizer().id(word);
        for (int p = 0; p < row.length; p++)
            if (row[p] == id) {
                place[p] = 1f;
                break;
            }
        return ids.getManager().create(place, new Shape(1, row.length, 1));
    }

    /** One row's vectors [1, 1, width]. */
    private static NDArray vectors(NDManager scope, float[] v) {
        return scope.create(v, new Shape(1, 1, v.length));
    }

    private static float[] scaled(float[] v, float by) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * by;
        return out;
    }

    private static float norm(float[] v) {
        return (float) Nn.rowLengths(v, v.length)[0];
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }
}

package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Regional cross-attention: a person's caption words are read only by the pixels of that person's
 * column (person i of k stands in column i, as the renderer places them); the scene's words (bos,
 * eos, padding, the action) are read everywhere. Without it every figure reads every person's
 * hair and clothing words, and the figures of a scene come out alike.
 *
 * @param personOfToken per sample, per text-encoder position: the person (0-based) or −1 for all
 */
public record RegionMask(int[][] personOfToken) {
    /** What a masked score becomes: far below any real one, still finite in float. */
    private static final float BLOCKED = -1e4f;

    /** The masks of captions as {@code tokenizer} reads them into {@code maxTokens} positions. */
    public static RegionMask of(CaptionTokenizer tokenizer, List<String> captions, int maxTokens) {
        int[][] rows = new int[captions.size()][];
        for (int i = 0; i < rows.length; i++)
            rows[i] = SceneSpans.personOfToken(tokenizer.words(captions.get(i)), maxTokens);
        return new RegionMask(rows);
    }

    /** No region anywhere: the unconditional branch of guidance. */
    public static RegionMask none(int samples, int maxTokens) {
        int[][] rows = new int[samples][maxTokens];
        for (int[] r : rows) Arrays.fill(r, -1);
        return new RegionMask(rows);
    }

    /** This batch followed by {@code other}'s. */
    public RegionMask concat(RegionMask other) {
        int[][] rows = Arrays.copyOf(personOfToken, personOfToken.length + other.personOfToken.length);
        System.arraycopy(other.personOfToken, 0, rows, personOfToken.length, other.personOfToken.length);
        return new RegionMask(rows);
    }

    /**
     * Additive scores [B, 1, H·W, S] for an H × W feature map (rows then columns, as the UNet
     * flattens it): 0 where a pixel may read a position, {@link #BLOCKED} where the position is
     * another person's.
     */
    public NDArray scores(NDManager m, int height, int width) {
        int b = personOfToken.length, s = personOfToken[0].length, hw = height * width;
        float[] out = new float[b * hw * s];
        for (int i = 0; i < b; i++) {
            int[] owner = personOfToken[i];
            int people = SceneSpans.people(owner);
            if (people < 2) continue;
            for (int x = 0; x < width; x++) {
                int column = Math.min(people - 1, (int) ((x + 0.5) * people / width));
                for (int y = 0; y < height; y++) {
                    int row = (i * hw + y * width + x) * s;
                    for (int j = 0; j < s; j++) if (owner[j] >= 0 && owner[j] != column) out[row + j] = BLOCKED;
                }
            }
        }
        return m.create(out, new Shape(b, 1, hw, s));
    }
}

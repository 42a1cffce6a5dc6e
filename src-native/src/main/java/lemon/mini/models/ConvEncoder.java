package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A plain conv stack shared by the validator and CLIP's image encoder: per width, a stride-2 3×3
 * conv then a 3×3 conv, each followed by GroupNorm + SiLU. Flattened output keeps position
 * (the validator needs left-to-right order), so no global pooling.
 */
final class ConvEncoder {
    private ConvEncoder() {}

    static void create(Params p, String prefix, int in, List<Integer> widths) {
        int c = in;
        for (int i = 0; i < widths.size(); i++) {
            int w = widths.get(i);
            p.conv(prefix + i + ".down", c, w, 3, false);
            p.norm(prefix + i + ".norm1", w);
            p.conv(prefix + i + ".conv", w, w, 3, false);
            p.norm(prefix + i + ".norm2", w);
            c = w;
        }
    }

    /** x [B, C, H, W] → [B, widths.last · (H/2^n)²]. */
    static NDArray forward(Params p, String prefix, NDArray x, List<Integer> widths) {
        NDArray h = x;
        for (int i = 0; i < widths.size(); i++) {
            int g = groups(widths.get(i));
            h = Nn.silu(Nn.groupNorm(Nn.conv(h, p, prefix + i + ".down", 2), p, prefix + i + ".norm1", g));
            h = Nn.silu(Nn.groupNorm(Nn.conv(h, p, prefix + i + ".conv", 1), p, prefix + i + ".norm2", g));
        }
        return h.reshape(h.getShape().get(0), -1);
    }

    static int groups(int channels) {
        return channels % 8 == 0 ? 8 : 1;
    }
}

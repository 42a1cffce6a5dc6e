package lemon.mini.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The UNet's block list, derived once from a config and shared by parameter creation, the
 * forward pass and the analytic parameter count. Names follow SD-1.x's
 * {@code model.diffusion_model.*} state dict, so SD weights map one-to-one.
 */
final class UNetLayout {
    enum Kind {
        CONV_IN,
        RES,
        ATTN,
        DOWN,
        UP
    }

    /** One layer: its parameter prefix, kind and channel counts. */
    record Layer(String name, Kind kind, int in, int out) {}

    final List<List<Layer>> input = new ArrayList<>();
    final List<Layer> middle = new ArrayList<>();
    final List<List<Layer>> output = new ArrayList<>();
    final int outChannels;

    private UNetLayout(UNetConfig c) {
        int mc = c.modelChannels();
        input.add(List.of(new Layer("input_blocks.0.0", Kind.CONV_IN, c.inChannels(), mc)));
        List<Integer> skips = new ArrayList<>(List.of(mc));
        int ch = mc, idx = 1, levels = c.channelMult().size();
        for (int level = 0; level < levels; level++) {
            int out = c.channelMult().get(level) * mc;
            for (int r = 0; r < c.numResBlocks(); r++) {
                List<Layer> blk = new ArrayList<>();
                blk.add(new Layer("input_blocks." + idx + ".0", Kind.RES, ch, out));
                ch = out;
                if (c.attentionLevels().contains(level))
                    blk.add(new Layer("input_blocks." + idx + ".1", Kind.ATTN, ch, ch));
                input.add(blk);
                skips.add(ch);
                idx++;
            }
            if (level != levels - 1) {
                input.add(List.of(new Layer("input_blocks." + idx + ".0", Kind.DOWN, ch, ch)));
                skips.add(ch);
                idx++;
            }
        }
        middle.add(new Layer("middle_block.0", Kind.RES, ch, ch));
        middle.add(new Layer("middle_block.1", Kind.ATTN, ch, ch));
        middle.add(new Layer("middle_block.2", Kind.RES, ch, ch));
        int oidx = 0;
        for (int level = levels - 1; level >= 0; level--) {
            int out = c.channelMult().get(level) * mc;
            for (int i = 0; i <= c.numResBlocks(); i++) {
                int skip = skips.remove(skips.size() - 1);
                List<Layer> blk = new ArrayList<>();
                String p = "output_blocks." + oidx + ".";
                blk.add(new Layer(p + "0", Kind.RES, ch + skip, out));
                ch = out;
                if (c.attentionLevels().contains(level)) blk.add(new Layer(p + blk.size(), Kind.ATTN, ch, ch));
                if (level != 0 && i == c.numResBlocks()) blk.add(new Layer(p + blk.size(), Kind.UP, ch, ch));
                output.add(blk);
                oidx++;
            }
        }
        outChannels = ch;
    }

    static UNetLayout of(UNetConfig c) {
        return new UNetLayout(c);
    }

    List<Layer> all() {
        List<Layer> l = new ArrayList<>();
        input.forEach(l::addAll);
        l.addAll(middle);
        output.forEach(l::addAll);
        return l;
    }

    long parameterCount(UNetConfig c) {
        long mc = c.modelChannels(), ted = c.timeEmbedDim();
        long n = (mc * ted + ted) + (ted * ted + ted); // time_embed.0, .2
        if (c.addPooled()) n += (c.contextDim() * ted + ted) + (ted * ted + ted); // add_embedding.linear_1, _2
        for (Layer l : all()) {
            long in = l.in(), out = l.out();
            n += switch (l.kind()) {
                case CONV_IN, DOWN, UP -> in * out * 9 + out;
                case RES ->
                    2 * in
                            + (in * out * 9 + out)
                            + (ted * out + out)
                            + 2 * out
                            + (out * out * 9 + out)
                            + (in != out ? in * out + out : 0);
                case ATTN -> {
                    long d = in, ctx = c.contextDim(), inner = 4 * d;
                    yield 2 * d
                            + 2 * (d * d + d) // norm, proj_in, proj_out
                            + 3 * 2 * d // norm1..3
                            + 3 * d * d
                            + (d * d + d) // attn1
                            + d * d
                            + 2 * ctx * d
                            + (d * d + d) // attn2
                            + (d * inner * 2 + inner * 2)
                            + (inner * d + d); // GEGLU feed-forward
                }
            };
        }
        return n
                + 2 * (long) outChannels
                + ((long) outChannels * c.outChannels() * 9 + c.outChannels()); // out.0, out.2
    }
}

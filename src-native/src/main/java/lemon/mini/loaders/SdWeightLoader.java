package lemon.mini.loaders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import lemon.mini.models.MiniTextEncoder;
import lemon.mini.models.MiniUNet;
import lemon.mini.models.Params;

/**
 * Loads an SD-1.x checkpoint (original LDM layout, .safetensors, F32/F16) into a
 * {@link MiniUNet} and/or {@link MiniTextEncoder} built with the matching config.
 *
 * <p>Our parameter names are SD's own within each sub-model, so the mapping table is by prefix:
 * {@code model.diffusion_model.*} → UNet, {@code cond_stage_model.transformer.text_model.*} →
 * text encoder, {@code first_stage_model.*} → VAE (not built: reported unmapped). Noise-schedule
 * buffers and the like are ignored by name. Everything else is reported, never silently dropped.
 */
public final class SdWeightLoader {
    /** One prefix rule: SD name prefix → target model. */
    public record Rule(String sdPrefix, String target) {}

    public static final List<Rule> RULES = List.of(
            new Rule("model.diffusion_model.", "unet"),
            new Rule("cond_stage_model.transformer.text_model.", "text"),
            new Rule("first_stage_model.", "vae"));

    /** Tensors that are not weights (schedule buffers, position ids, EMA bookkeeping). */
    private static final Pattern IGNORED = Pattern.compile(
            "^(betas|alphas_cumprod|alphas_cumprod_prev|sqrt_.*|log_one_minus_alphas_cumprod|posterior_.*|logvar"
                    + "|model_ema\\.(decay|num_updates)|cond_stage_model\\.transformer\\.text_model\\.embeddings\\.position_ids)$");

    /**
     * @param unmapped        file tensors with no target (or whose target was not given)
     * @param missing         model parameters the file does not provide
     * @param shapeMismatches "name: model [..] file [..]"
     */
    public record Report(
            int loaded,
            List<String> ignored,
            List<String> unmapped,
            List<String> missing,
            List<String> shapeMismatches) {
        public boolean complete() {
            return missing.isEmpty() && shapeMismatches.isEmpty();
        }

        @Override
        public String toString() {
            return "loaded " + loaded + ", ignored " + ignored.size() + ", unmapped " + unmapped.size() + " "
                    + head(unmapped) + ", missing " + missing.size() + " " + head(missing) + ", shape mismatches "
                    + shapeMismatches.size() + " " + head(shapeMismatches);
        }

        private static List<String> head(List<String> l) {
            return l.subList(0, Math.min(5, l.size()));
        }
    }

    private SdWeightLoader() {}

    /** Loads what maps; unet or text may be null (their tensors are then reported unmapped). */
    public static Report load(Path file, MiniUNet unet, MiniTextEncoder text) throws IOException {
        int loaded = 0;
        List<String> ignored = new ArrayList<>(),
                unmapped = new ArrayList<>(),
                missing = new ArrayList<>(),
                mismatch = new ArrayList<>();
        Set<String> seenUnet = new HashSet<>(), seenText = new HashSet<>();
        try (Safetensors st = Safetensors.open(file)) {
            for (Safetensors.Entry e : st.entries().values()) {
                String name = e.name();
                if (IGNORED.matcher(name).matches()) {
                    ignored.add(name);
                    continue;
                }
                Rule rule = RULES.stream()
                        .filter(r -> name.startsWith(r.sdPrefix()))
                        .findFirst()
                        .orElse(null);
                Params target = rule == null
                        ? null
                        : switch (rule.target()) {
                            case "unet" -> unet == null ? null : unet.params();
                            case "text" -> text == null ? null : text.params();
                            default -> null;
                        };
                String local =
                        rule == null ? name : name.substring(rule.sdPrefix().length());
                if (target == null || !target.has(local)) {
                    unmapped.add(name);
                    continue;
                }
                long[] have = target.get(local).getShape().getShape();
                if (!java.util.Arrays.equals(have, e.shape())) {
                    mismatch.add(name + ": model " + java.util.Arrays.toString(have) + " file "
                            + java.util.Arrays.toString(e.shape()));
                    continue;
                }
                target.load(local, e.shape(), st.read(name).data());
                (rule.target().equals("unet") ? seenUnet : seenText).add(local);
                loaded++;
            }
        }
        if (unet != null)
            for (String n : unet.params().all().keySet())
                if (!seenUnet.contains(n)) missing.add(RULES.get(0).sdPrefix() + n);
        if (text != null) {
            for (String n : text.params().all().keySet()) {
                // added personalisation tokens have no SD counterpart
                if (!seenText.contains(n) && !n.equals(MiniTextEncoder.EXTRA))
                    missing.add(RULES.get(1).sdPrefix() + n);
            }
        }
        return new Report(loaded, ignored, unmapped, missing, mismatch);
    }
}

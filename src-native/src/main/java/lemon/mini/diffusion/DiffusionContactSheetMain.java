package lemon.mini.diffusion;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review sheet: four descriptions (caption-style and free-text) × four seeds, 64×64 each
 * shown at 2×. Usage: {@code [out.png] [--weights DIR]}.
 */
public final class DiffusionContactSheetMain {
    public static final List<String> DESCRIPTIONS = List.of(
        "a young woman with long red hair, wearing a blue dress",
        "an old man with a white beard, dressed in a green robe",
        "a man in his forties with short black hair and a yellow tunic",
        "a young woman in her late teens, with a slender build, long braided auburn hair, wearing a plain purple linen dress");

    private DiffusionContactSheetMain() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of("target", "diffusion-contact-sheet.png"), weights = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--weights")) weights = Path.of(args[++i]);
            else out = Path.of(args[i]);
        }
        try (PortraitGenerator gen = weights == null ? PortraitGenerator.loadDefault() : PortraitGenerator.load(weights)) {
            List<List<BufferedImage>> rows = new ArrayList<>();
            long t0 = System.nanoTime();
            for (String d : DESCRIPTIONS) {
                List<BufferedImage> row = new ArrayList<>();
                for (long seed = 1; seed <= 4; seed++) row.addAll(gen.generate(d, 1, seed));
                rows.add(row);
            }
            ContactSheet.write(ContactSheet.sheet(DESCRIPTIONS, rows, 2), out);
            System.out.printf(Locale.ROOT, "16 portraits in %.1f s (UNet trained %d steps) → %s%n",
                (System.nanoTime() - t0) / 1e9, gen.trainedSteps(), out);
        }
    }
}

package lemon.stage.portraits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lemon.port.ImageGenerator;
import lemon.stage.Placement;
import lemon.stage.RunFileTypes;
import lemon.stage.Stage;
import lemon.stage.StageContext;
import lemon.stage.StageOutput;
import lemon.stage.StageSpec;
import lemon.stage.describe.DescribeStage;
import lemon.story.CharacterDescription;
import lemon.story.Portrait;

/**
 * generate-portraits: O portraits per character from its description. Seeds come from the
 * character id and the portrait index, so a retry or a resume paints exactly the same pictures.
 */
public final class PortraitsStage implements Stage {
    public static final String NAME = "generate-portraits";
    public static final String PORTRAITS = "portraits.json";
    public static final String PORTRAIT_DIR = "portraits/";
    public static final StageSpec SPEC = new StageSpec(
            NAME,
            List.of(DescribeStage.DESCRIPTIONS),
            List.of(PORTRAITS, PORTRAIT_DIR),
            Placement.ENGINE_CONTAINER,
            "O portraits per character from its description with the text-to-image model.");

    private final ImageGenerator painter;

    public PortraitsStage(ImageGenerator painter) {
        this.painter = painter;
    }

    @Override
    public StageSpec spec() {
        return SPEC;
    }

    @Override
    public StageOutput run(StageContext run) {
        List<CharacterDescription> descriptions = run.require(DescribeStage.DESCRIPTIONS, RunFileTypes.DESCRIPTIONS);
        int per = run.options().portraits();
        List<Portrait> portraits = new ArrayList<>();
        List<ImageGenerator.Request> requests = new ArrayList<>();
        for (CharacterDescription d : descriptions) {
            for (int i = 0; i < per; i++) {
                long seed = run.options().seeded(seed(d.characterId(), i));
                requests.add(ImageGenerator.Request.of(d.description(), seed));
                portraits.add(
                        new Portrait(d.characterId(), i, seed, PORTRAIT_DIR + d.characterId() + "-" + i + ".png"));
            }
        }
        List<byte[]> pngs = painter.generate(requests); // all at once: the generator batches them
        for (int k = 0; k < portraits.size(); k++) {
            run.writeBytes(portraits.get(k).file(), pngs.get(k));
        }
        run.write(PORTRAITS, portraits);
        return new StageOutput(
                portraits.size() + " portraits (" + per + " per character)",
                // the workflow's Choice reads "iterations": 0 skips personalisation and goes to publish
                Map.of(
                        "portraits",
                        portraits.size(),
                        "iterations",
                        run.options().iterations()),
                Map.of("painter", painter.name()),
                List.of());
    }

    /** A stable seed per (character, portrait): a string hash of the id, times 1000, plus the index. */
    public static long seed(String characterId, int index) {
        long h = 1125899906842597L;
        for (char c : characterId.toCharArray()) {
            h = 31 * h + c;
        }
        return h * 1000 + index;
    }
}

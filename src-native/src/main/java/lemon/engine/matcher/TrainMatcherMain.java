package lemon.engine.matcher;

import java.nio.file.Path;
import lemon.cd.CdDatabase;
import lemon.engine.text.MiniLmEncoder;

/**
 * Trains the matcher head and precomputes the bundled database's embeddings for it. Usage:
 * {@code TrainMatcherMain [outHead] [steps] [seed]}; default output
 * src-native/src/main/resources/lemon/matcher/head.lmhd, with cd-embeddings.lmpe beside it
 * (run from the repository root).
 */
public final class TrainMatcherMain {
    public static final String DEFAULT_OUT = "src-native/src/main/resources/lemon/matcher/head.lmhd";

    private TrainMatcherMain() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : DEFAULT_OUT);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : MatcherTrainer.DEFAULT_STEPS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : MatcherTrainer.DEFAULT_SEED;
        var result = MatcherTrainer.trainAndSave(out, steps, seed, System.out);
        Path emb = out.resolveSibling("cd-embeddings.lmpe");
        HeadRetriever.writeEmbeddings(emb, CdDatabase.bundled(), result.head(), MiniLmEncoder.get());
        System.out.println("wrote pair embeddings to " + emb);
    }
}

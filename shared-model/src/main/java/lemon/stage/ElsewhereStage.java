package lemon.stage;

/**
 * A stage of the catalogue that this process cannot run: an engine stage, seen from a Lambda that
 * carries no tensor engine. It keeps its place (the run's manifest lists the same stages wherever it
 * is created) and refuses to run, saying where it does.
 */
public record ElsewhereStage(StageSpec spec) implements Stage {
    @Override
    public StageOutput run(StageContext run) {
        throw new IllegalStateException("stage " + spec.name() + " runs in the " + spec.placement()
                + " placement (the engine container image), not in this function");
    }
}

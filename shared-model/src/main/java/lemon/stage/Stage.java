package lemon.stage;

/**
 * One workflow stage: pure work over a run's files. Idempotency, atomic outputs, the manifest
 * entry and timings are the {@link StageLedger}'s, so a stage only reads, computes and writes.
 */
public interface Stage {
    StageSpec spec();

    default String name() {
        return spec().name();
    }

    StageOutput run(StageContext run);
}

package lemon.port;

import java.util.Optional;

/**
 * Where a training task keeps its state so that a retried or resumed task continues where the
 * last one stopped: for a stage, the run's BlobStore under the stage's iteration, never only a
 * container's disk. A save replaces the previous checkpoint whole.
 */
public interface Checkpoints {
    Optional<byte[]> latest();

    void save(byte[] checkpoint);
}

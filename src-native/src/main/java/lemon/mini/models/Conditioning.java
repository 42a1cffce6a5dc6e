package lemon.mini.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What the UNet's cross-attention layers read. A layer may get its own text states per timestep:
 * that is the hook a NeTI-style mapper M(t, layer) plugs into. {@link #constant} gives every
 * layer and timestep the same states, as plain text conditioning does.
 */
public interface Conditioning {
    /**
     * Text states [B, S, contextDim] for cross-attention layer {@code layer} (0-based, in the order
     * the UNet runs them) at the samples' timesteps {@code t} (one per sample).
     */
    NDArray context(int layer, float[] t);

    /** The pooled text vector [B, contextDim], or null when the UNet config does not add one. */
    NDArray pooled();

    /** Moves its arrays into a step's scope until that scope closes (intermediates then go with it). */
    default void tempAttach(NDManager scope) {}

    /** Which caption positions each person's pixels read ({@link RegionMask}), or null: every pixel reads all. */
    default RegionMask regions() {
        return null;
    }

    /** {@code base} with regional cross-attention: its states, read through {@code regions} (null: {@code base}). */
    static Conditioning withRegions(Conditioning base, RegionMask regions) {
        if (regions == null) return base;
        return new Conditioning() {
            @Override
            public NDArray context(int layer, float[] t) {
                return base.context(layer, t);
            }

            @Override
            public NDArray pooled() {
                return base.pooled();
            }

            @Override
            public void tempAttach(NDManager scope) {
                base.tempAttach(scope);
            }

            @Override
            public RegionMask regions() {
                return regions;
            }
        };
    }

    /** The same states for every layer and timestep; {@code pooled} may be null. */
    static Constant constant(NDArray states, NDArray pooled) {
        return new Constant(states, pooled);
    }

    /** Plain text conditioning. */
    record Constant(NDArray states, NDArray pooled) implements Conditioning {
        @Override
        public NDArray context(int layer, float[] t) {
            return states;
        }

        @Override
        public void tempAttach(NDManager scope) {
            states.tempAttach(scope);
            if (pooled != null) pooled.tempAttach(scope);
        }

        /** This batch followed by {@code other}'s (classifier-free guidance runs both branches as one batch). */
        public Constant concat(Constant other) {
            return new Constant(states.concat(other.states, 0), pooled == null ? null : pooled.concat(other.pooled, 0));
        }
    }
}

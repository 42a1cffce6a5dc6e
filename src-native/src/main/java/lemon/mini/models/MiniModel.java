package lemon.mini.models;

/** What every lemon-mini model exposes: a kind name, its size config and its parameters. */
public interface MiniModel extends AutoCloseable {
    /** Short kind name used in manifests ("text-encoder", "unet", ...). */
    String kind();

    /** The size config record (serialised into the manifest). */
    Record config();

    Params params();

    /** Named parameter groups saved as separate weight files (one by default). */
    default java.util.Map<String, Params> parts() {
        return java.util.Map.of("weights", params());
    }

    @Override
    default void close() {
        params().close();
    }
}

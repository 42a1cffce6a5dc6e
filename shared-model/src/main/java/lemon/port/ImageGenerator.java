package lemon.port;

import java.util.List;

/**
 * Text-to-image: a description in, one PNG per seed out. The bundled lemon-mini diffusion model
 * implements it on CPU; an SD-1.x-sized model implements it on a GPU.
 */
public interface ImageGenerator {
    /** Model and its checksum, for the manifest. */
    String name();

    List<byte[]> generate(String description, List<Long> seeds);
}

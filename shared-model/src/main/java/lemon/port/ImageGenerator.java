package lemon.port;

import java.util.List;

/**
 * Text-to-image: one PNG per (description, seed) request; the same request gives the same
 * picture. Implementations batch the requests as their hardware likes. The bundled lemon-mini
 * diffusion model implements it on CPU; an SD-1.x-sized model implements it on a GPU.
 */
public interface ImageGenerator {
    record Request(String description, long seed) {}

    /** Model and its checksum, for the manifest. */
    String name();

    /** One PNG per request, in order. */
    List<byte[]> generate(List<Request> requests);
}

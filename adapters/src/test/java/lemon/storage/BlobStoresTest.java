package lemon.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import lemon.port.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoresTest {
    @TempDir
    Path dir;

    @Test
    void pathsAndFileUrisGiveFileStores() {
        String abs = dir.toAbsolutePath().normalize().toString();
        for (String location : new String[] {abs, "file:" + abs, dir.toUri().toString()}) {
            BlobStore store = BlobStores.fromUri(location, Map.<String, String>of()::get);
            assertInstanceOf(FileBlobStore.class, store);
            assertEquals(abs, store.describe());
        }
        assertEquals(
                Path.of("lemon-runs").toAbsolutePath().toString(),
                BlobStores.fromUri("file:./lemon-runs").describe());
    }

    @Test
    void s3UrisGiveS3Stores() {
        BlobStore store = BlobStores.fromUri("s3://bucket/some/prefix", Map.of("AWS_REGION", "eu-west-1")::get);
        assertInstanceOf(S3BlobStore.class, store);
        assertEquals("s3://bucket/some/prefix/", store.describe());
        assertEquals(
                "s3://bucket/",
                BlobStores.fromUri("s3://bucket", Map.<String, String>of()::get).describe());
    }

    @Test
    void badLocationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BlobStores.fromUri(""));
        assertThrows(IllegalArgumentException.class, () -> BlobStores.fromUri("gs://bucket/x"));
        assertThrows(IllegalArgumentException.class, () -> BlobStores.fromUri("s3:///prefix-only"));
    }
}

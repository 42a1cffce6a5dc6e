package lemon.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lemon.port.BlobStore;
import lemon.port.PrefixedBlobStore;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

/** The store contract on a tenant's folder, and that the folder is all it reaches. */
class PrefixedBlobStoreTest extends BlobStoreContract {
    @Override
    BlobStore newStore() {
        return new PrefixedBlobStore(new InMemoryBlobStore(), "tenants/acme/");
    }

    @Test
    void aFolderSeesItsOwnKeysOnlyAndCannotBeLeft() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("tenants/other/r1/manifest.json", "theirs".getBytes());
        BlobStore acme = new PrefixedBlobStore(root, "tenants/acme/");
        acme.put("r1/manifest.json", "ours".getBytes());
        assertEquals(
                "ours", new String(root.get("tenants/acme/r1/manifest.json").orElseThrow()));
        assertEquals(List.of("r1/manifest.json"), acme.list(""));
        assertEquals("ours", new String(acme.get("r1/manifest.json").orElseThrow()));
        for (String escape : new String[] {"../other/r1/manifest.json", "r1/../../other/x", "/tenants/other/x", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> acme.get(escape), escape);
        }
        assertThrows(IllegalArgumentException.class, () -> new PrefixedBlobStore(root, "tenants/acme"));
    }
}

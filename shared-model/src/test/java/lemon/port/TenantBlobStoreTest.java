package lemon.port;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lemon.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

class TenantBlobStoreTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runsGoToTheTenantsFolderAndUploadsToItsUploadsFolderOutsideIt() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        TenantBlobStore acme = new TenantBlobStore(root, "tenants/acme/", "uploads/acme/");
        acme.put("r1/manifest.json", b("{}"));
        acme.put("uploads/id/story.txt", b("Once."));
        assertEquals(List.of("tenants/acme/r1/manifest.json", "uploads/acme/id/story.txt"), root.list(""));
        assertArrayEquals(b("Once."), acme.get("uploads/id/story.txt").orElseThrow());
        assertTrue(acme.exists("r1/manifest.json"));
        assertEquals(List.of("r1/manifest.json", "uploads/id/story.txt"), acme.list(""));
        assertEquals(List.of("uploads/id/story.txt"), acme.list("up"));
        assertEquals(List.of("uploads/id/story.txt"), acme.list("uploads/id/"));
        assertEquals(List.of("r1/manifest.json"), acme.list("r1/"));
        acme.delete("uploads/id/story.txt");
        assertFalse(root.exists("uploads/acme/id/story.txt"));
    }

    @Test
    void anotherTenantsUploadsAndRunsCannotBeNamed() throws Exception {
        InMemoryBlobStore root = new InMemoryBlobStore();
        root.put("uploads/globex/id/story.txt", b("Theirs."));
        root.put("tenants/globex/r9/manifest.json", b("{}"));
        root.put("tenants/acme/uploads/old.txt", b("shadowed by the uploads folder"));
        TenantBlobStore acme = new TenantBlobStore(root, "tenants/acme/", "uploads/acme/");
        assertEquals(List.of(), acme.list(""), "neither globex's files nor a runs key under uploads/");
        assertTrue(acme.get("uploads/globex/id/story.txt").isEmpty());
        for (String out : List.of("../globex/r9/manifest.json", "uploads/../../globex/id/story.txt", "/etc/passwd")) {
            assertThrows(IllegalArgumentException.class, () -> acme.get(out), out);
        }
    }
}

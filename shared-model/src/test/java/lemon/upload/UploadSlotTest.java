package lemon.upload;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class UploadSlotTest {
    @Test
    void aSlotIsAKeyOfItsOwnUnderTheTenantsUploadsWithTheTypeOfItsExtension() {
        UploadSlot txt = UploadSlot.open("acme", "Ali Baba.txt", 2048, "id-1");
        assertEquals("uploads/acme/id-1/Ali Baba.txt", txt.key());
        assertEquals("text/plain", txt.contentType());
        assertEquals(2048, txt.maxBytes());
        assertEquals(
                "text/markdown", UploadSlot.open("acme", "tale.MD", 10, "id-2").contentType());
        assertNotEquals(
                UploadSlot.open("acme", "a.txt", 10).key(),
                UploadSlot.open("acme", "a.txt", 10).key());
    }

    @Test
    void badTenantsNamesAndTypesAreRefusedWithWhatIsAllowed() {
        for (String tenant : new String[] {null, "", "Acme", "-acme", "acme-", "a/b", "a".repeat(41), "../x"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> UploadSlot.open(tenant, "a.txt", 10));
            assertTrue(e.getMessage().contains("lower-case letters"), e.getMessage());
        }
        for (String name : new String[] {"../a.txt", "a/b.txt", ".hidden.txt", "a..txt", "x".repeat(101) + ".txt"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> UploadSlot.open("acme", name, 10));
            assertTrue(e.getMessage().contains("no folders"), name + ": " + e.getMessage());
        }
        var type = assertThrows(IllegalArgumentException.class, () -> UploadSlot.open("acme", "story.pdf", 10));
        assertEquals(
                "'story.pdf' is not a story file: upload text as .txt or Markdown as .md (UTF-8)", type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UploadSlot.open("acme", " ", 10));
        assertThrows(IllegalArgumentException.class, () -> UploadSlot.open("acme", "a.txt", 0));
    }
}

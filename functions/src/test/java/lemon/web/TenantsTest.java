package lemon.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lemon.run.RunViews;
import org.junit.jupiter.api.Test;

class TenantsTest {
    @Test
    void withoutTokensTheTenantIsTheNameGivenHeaderFirst() {
        Tenants names = Tenants.parse(" ");
        assertFalse(names.needTokens());
        assertEquals("local", names.resolve(null, null, null, null));
        assertEquals("alice", names.resolve(null, null, "Alice", "bob"));
        assertEquals("bob", names.resolve(null, null, " ", "bob"));
        RunViews.Refused bad = assertThrows(RunViews.Refused.class, () -> names.resolve(null, null, "../bob", null));
        assertEquals(400, bad.status);
    }

    @Test
    void withTokensOnlyAKnownTokenCountsAndANameBesideItIsIgnored() {
        Tenants tokens = Tenants.parse("s3cret-token-of-alice=alice, s3cret-token-of-bob-=bob");
        assertTrue(tokens.needTokens());
        assertEquals("alice", tokens.resolve("Bearer s3cret-token-of-alice", null, "bob", "bob"));
        assertEquals("bob", tokens.resolve(null, "s3cret-token-of-bob-", "alice", null));
        RunViews.Refused none =
                assertThrows(RunViews.Refused.class, () -> tokens.resolve(null, null, "alice", "alice"));
        assertEquals(401, none.status);
        assertTrue(none.getMessage().contains("needs a token"), none.getMessage());
        RunViews.Refused wrong = assertThrows(
                RunViews.Refused.class, () -> tokens.resolve("Bearer guessed-token-000000", null, null, null));
        assertEquals(401, wrong.status);
    }

    @Test
    void aMalformedTokenListSaysWhatIsWrongWithoutPrintingTheToken() {
        IllegalArgumentException shortToken =
                assertThrows(IllegalArgumentException.class, () -> Tenants.parse("abc=alice"));
        assertFalse(shortToken.getMessage().contains("abc"), shortToken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tenants.parse("a-long-enough-token=Not A Tenant"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Tenants.parse("a-long-enough-token=alice,a-long-enough-token=bob"));
    }
}

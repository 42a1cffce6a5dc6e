package lemon.cd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins what the archetype data produces, hashes recorded when the archetypes were still Java code
 * (before they moved to archetypes.json): a change to the data or its loading shows up here.
 */
class CdDatabaseHashTest {
    @Test
    void archetypesHaveTheRecordedValuesInTheRecordedOrder() {
        assertEquals(31, Archetypes.ALL.size());
        assertEquals(
                "409974dcedf500b508a41f93c9eb20727a747744d1c6a0cd61606fd68576e0b9", sha256(Archetypes.ALL.toString()));
    }

    @Test
    void generatedDatabaseIsByteIdenticalToTheRecordedOne() {
        var db = CdDatabaseGenerator.generate();
        // A longer run draws on every archetype, not just those the default 80 scripts use.
        var big = CdDatabaseGenerator.generate(7, 600);
        assertEquals(
                "ed343d6befa820d9293ea98f63c96ff503ae0f080695641420b7c07feb74490e "
                        + "02708340d78cd5bea7cc77f38edead2b5aee17602bd673d0cd73e3962e19f446",
                sha256(CdDatabaseGenerator.toJsonl(db.pairs()) + db.archetypeById()) + " "
                        + sha256(CdDatabaseGenerator.toJsonl(big.pairs()) + big.archetypeById()));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

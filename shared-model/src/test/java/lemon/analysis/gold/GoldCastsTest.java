package lemon.analysis.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gold casts are what their README says, and every phrase and cue in them is in the story's text. */
class GoldCastsTest {
    static Path data() {
        String prop = System.getProperty("lemon.shared.dir");
        Path dir = Path.of(prop != null ? prop : "../../shared").resolve("data");
        assertTrue(Files.isDirectory(dir), "shared data at " + dir.toAbsolutePath());
        return dir;
    }

    static final Set<String> KINDS =
            Set.of("gender", "age", "hair", "beard", "build", "skin", "clothing", "headwear", "object", "station");

    /** Lower case, straight apostrophes, one space for any run of white space. */
    static String plain(String s) {
        return s.toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replace('‘', '\'')
                .replace('“', '"')
                .replace('”', '"')
                .replaceAll("\\s+", " ");
    }

    @Test
    void everyGoldCastIsWellFormedAndQuotesItsStory() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String story : GoldCast.STORIES) {
            GoldCast g = GoldCast.bundled(story);
            assertEquals(story, g.story());
            String text = plain(Files.readString(data().resolve(g.source()), StandardCharsets.UTF_8));
            Set<String> names = new HashSet<>(), groups = new HashSet<>();
            for (GoldCast.Member m : g.characters()) {
                if (!names.add(m.name())) problems.add(story + ": two characters named " + m.name());
                if (m.group()) groups.add(m.name());
                if (!Set.of("male", "female", "unknown").contains(String.valueOf(m.gender())))
                    problems.add(story + ": " + m.name() + " has gender " + m.gender());
            }
            for (GoldCast.Member m : g.minor()) if (m.group()) groups.add(m.name());
            for (GoldCast.Member m : g.characters()) {
                if (m.memberOf() != null && !groups.contains(m.memberOf()))
                    problems.add(story + ": " + m.name() + " is a member of " + m.memberOf() + ", not a group");
            }
            for (List<GoldCast.Member> list : List.of(g.characters(), g.minor()))
                for (GoldCast.Member m : list)
                    for (String p : m.aliases()) {
                        // (a name may be the gold's own role phrase for an unnamed character: not checked)
                        String words = plain(p).replaceFirst("^(the|a|an) ", "");
                        if (!text.contains(words)) problems.add(story + ": '" + p + "' is not in the text");
                    }
            for (GoldCast.Cue c : g.cues()) {
                if (!KINDS.contains(c.kind())) problems.add(story + ": cue kind " + c.kind());
                if (!names.contains(c.character())
                        && g.minor().stream().noneMatch(m -> m.name().equals(c.character())))
                    problems.add(story + ": a cue for " + c.character() + ", who is not in the gold cast");
                if (!plain(c.sentence()).contains(plain(c.value())))
                    problems.add(story + ": cue '" + c.value() + "' is not in its sentence");
                for (String part : plain(c.sentence()).split("…|\\.\\.\\."))
                    if (!part.isBlank() && !text.contains(part.strip()))
                        problems.add(story + ": cue sentence not in the text: " + part.strip());
            }
        }
        assertEquals(List.of(), problems);
    }
}

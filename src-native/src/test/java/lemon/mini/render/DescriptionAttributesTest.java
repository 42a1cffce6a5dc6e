package lemon.mini.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lemon.mini.render.Attributes.Age;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.Gender;
import lemon.mini.render.Attributes.HairColour;
import lemon.mini.render.Attributes.Headwear;
import lemon.mini.render.Attributes.SkinTone;
import org.junit.jupiter.api.Test;

class DescriptionAttributesTest {
    @Test
    void coloursThatColourNothingTheWorldPaintsAreLeftOut() {
        assertEquals(
                "a fair-skinned woman, high cheekbones, cold eyes, red hair, wearing a silk dress and a ring of keys",
                DescriptionAttributes.withoutStrayColours("a fair-skinned woman, high cheekbones, cold grey eyes, red"
                        + " hair, wearing a grey silk dress and a ring of keys"));
        assertEquals(
                "a white beard, a blue velvet mantle, a golden crown and a brooch, leather boots",
                DescriptionAttributes.withoutStrayColours(
                        "a white beard, a blue velvet mantle, a golden crown and a silver brooch, black leather boots"));
        // what stays is what the parse reads: the stated attributes do not change
        String d = "an old man with grey eyes, a long white beard, curly white hair, a blue mantle with gold lilies";
        assertEquals(
                DescriptionAttributes.parse(d),
                DescriptionAttributes.parse(DescriptionAttributes.withoutStrayColours(d)));
    }

    @Test
    void eachHairPhraseReadsAsTheOneColourTheParseStates() {
        assertEquals(
                "a poor man, tousled red hair, wearing a rough tunic",
                DescriptionAttributes.hairAsRead("a poor man, tousled greying copper hair, wearing a rough tunic"));
        assertEquals(
                "a brown-skinned man, neatly combed brown hair, soft red slippers",
                DescriptionAttributes.hairAsRead(
                        "a brown-skinned man, neatly combed greying light brown hair, soft red slippers"));
        assertEquals("short curly blonde hair", DescriptionAttributes.hairAsRead("short curly greying blond hair"));
        assertEquals("long braided red hair", DescriptionAttributes.hairAsRead("long braided auburn hair"));
        assertEquals("grey locks", DescriptionAttributes.hairAsRead("Silver-grey locks"));
        assertEquals(
                "with black hair and a red cloak", DescriptionAttributes.hairAsRead("with black hair and a red cloak"));
        // the rewrite says what the parse reads
        String[][] cases = {
            {"tousled greying copper hair", "tousled red hair"},
            {"greying light brown hair", "brown hair"},
            {"fiery russet curls", "red curls"},
            {"dark raven tresses", "black tresses"}
        };
        for (String[] c : cases) {
            assertEquals(c[1], DescriptionAttributes.hairAsRead(c[0]));
            assertEquals(
                    DescriptionAttributes.parse(c[0]).hair(),
                    DescriptionAttributes.parse(c[1]).hair(),
                    c[0]);
        }
        // no colour read, nothing rewritten
        assertEquals("Long, flowing hair", DescriptionAttributes.hairAsRead("Long, flowing hair"));
    }

    @Test
    void aliBabaFromIssue14() {
        DescriptionAttributes a = DescriptionAttributes.parse(
                "a weathered man in his early forties with a lean and wiry build, a thick black beard and "
                        + "watchful dark eyes, tousled greying copper hair, wearing a black turban, a long dark cloak "
                        + "over leather armour and a curved scimitar");
        assertEquals(Gender.MALE, a.gender());
        assertEquals(Age.MIDDLE_AGED, a.age());
        assertEquals(HairColour.RED, a.hair(), "copper is nearest the noun; greying only modifies it");
        assertEquals(FacialHair.BEARD, a.facialHair());
        assertEquals(Headwear.TURBAN, a.headwear());
        assertEquals(Colour.BLACK, a.headwearColour(), "black belongs to the turban");
        assertNull(a.clothing(), "a dark cloak over leather armour names no palette colour");
        assertNull(a.skin());
    }

    @Test
    void colourBelongsToItsOwnNounAndWeakWordsStandAlone() {
        DescriptionAttributes a = DescriptionAttributes.parse(
                "an olive-skinned woman in her mid-fifties with heavily kohled eyes, short greying hair, "
                        + "wearing a crimson headscarf and a long emerald-green gown with a white apron");
        assertEquals(Gender.FEMALE, a.gender());
        assertEquals(Age.MIDDLE_AGED, a.age());
        assertEquals(HairColour.GREY, a.hair());
        assertEquals(FacialHair.NONE, a.facialHair());
        assertEquals(Headwear.HEADSCARF, a.headwear());
        assertEquals(Colour.RED, a.headwearColour());
        assertEquals(Colour.GREEN, a.clothing());
        assertEquals(SkinTone.OLIVE, a.skin());
    }

    @Test
    void unstatedStaysNull() {
        DescriptionAttributes a = DescriptionAttributes.parse("a little boy with a gap-toothed grin and scabbed knees");
        assertEquals(Gender.MALE, a.gender());
        assertEquals(Age.CHILD, a.age());
        assertNull(a.hair());
        assertNull(a.clothing());
        assertNull(a.headwear());
        assertNull(a.facialHair());
        DescriptionAttributes b =
                DescriptionAttributes.parse("a fair-haired youth of nineteen, dark-skinned, in a blue hooded cloak");
        assertEquals(HairColour.BLONDE, b.hair());
        assertEquals(Colour.BLUE, b.clothing());
        assertEquals(Headwear.HOOD, b.headwear());
        assertEquals(SkinTone.DARK, b.skin());
    }

    /** On the world's own captions every stated attribute is the rendered one, and gender, hair and clothing are always stated. */
    @Test
    void agreesWithTheWorldOnTemplateCaptions() {
        int statedHair = 0;
        for (int i = 0; i < 300; i++) {
            Sample s = DatasetGenerator.sample(2026, i, 8, 0.0, 8, 8);
            Attributes t = s.attributes();
            DescriptionAttributes a = DescriptionAttributes.parse(s.caption());
            String c = s.caption();
            assertEquals(t.gender(), a.gender(), c);
            assertEquals(t.clothingColour(), a.clothing(), c);
            if (a.hair() != null) {
                assertEquals(t.hairColour(), a.hair(), c);
                statedHair++;
            }
            if (a.age() != null) assertEquals(t.age(), a.age(), c);
            if (a.headwear() != null) assertEquals(t.headwear(), a.headwear(), c);
            if (a.skin() != null) assertEquals(t.skinTone(), a.skin(), c);
            if (a.facialHair() != null && t.isMale()) assertEquals(t.facialHair(), a.facialHair(), c);
        }
        assertTrue(statedHair >= 285, statedHair + " of 300 captions state a hair colour");
    }

    /** The trainer's description-register captions state gender, hair and clothing colour the way the parser reads them. */
    @Test
    void descriptionRegisterCaptionsKeepTheirAttributes() {
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 300; i++) {
            Attributes t = Attributes.random(r);
            String c = Captions.descriptionCaption(t, r);
            DescriptionAttributes a = DescriptionAttributes.parse(c);
            assertEquals(t.gender(), a.gender(), c);
            assertEquals(t.clothingColour(), a.clothing(), c);
            if (a.hair() != null) assertEquals(t.hairColour(), a.hair(), c);
            assertTrue(c.split(" ").length >= 15, "long, with distractors: " + c);
        }
    }

    @Test
    void aDescriptionIsSaidAsTheWorldsSceneCaptionsNameAPersonWithOnlyWhatItStates() {
        assertEquals(
                "a middle-aged man in a black robe with a red beard",
                DescriptionAttributes.inWorldWords(
                        "a swarthy, olive-skinned man in his forties with a thick red beard,"
                                + " greying copper hair, a hawk nose, wearing a black robe under a curved scimitar and a black turban"));
        assertEquals(
                "a young woman in a blue dress with black hair",
                DescriptionAttributes.inWorldWords("a slender woman in her twenties, jet-black hair, a blue cloak"),
                "a colour on a garment the world lacks goes on the world's usual one");
        assertEquals(
                "with brown hair",
                DescriptionAttributes.inWorldWords(
                        "a fair-skinned person of 18, towering, neatly combed dark brown hair"),
                "no noun for an unknown gender: the token before the words names them");
        assertEquals(null, DescriptionAttributes.inWorldWords("towering and broad-shouldered, in coarse hides"));
    }
}

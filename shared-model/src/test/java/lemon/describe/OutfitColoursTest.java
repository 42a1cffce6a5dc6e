package lemon.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import lemon.story.Gender;
import lemon.story.StoryCharacter;
import lemon.story.StoryCue;
import org.junit.jupiter.api.Test;

class OutfitColoursTest {
    private static StoryCharacter person(String name, Gender g, String role) {
        return new StoryCharacter(name.toLowerCase(), name, List.of(), g, role, 3);
    }

    @Test
    void uncolouredClothesGetTheColourTheCastWearsLeastAndStatedOnesStay() {
        List<StoryCharacter> cast = List.of(
                person("Ali", Gender.MALE, "woodcutter"),
                person("Omar", Gender.MALE, "robber"),
                person("Zara", Gender.FEMALE, ""),
                person("Hadi", Gender.MALE, "robber"),
                person("Nur", Gender.FEMALE, ""));
        List<String> d = OutfitColours.give(
                cast,
                List.of(
                        "a man in his thirties, wearing a rough woollen tunic and leather boots.",
                        "a man in his forties, wearing a disguise, carrying a dagger under his garment.",
                        "a woman in her twenties, wearing a blue silk gown.",
                        "a man in his forties, wearing a dark tunic, a sash and a curved dagger at the belt.",
                        "a woman in her fifties, wearing an apron"),
                List.of(List.of(), List.of(), List.of(), List.of(), List.of()));
        // blue is Zara's already: the others get the palette's next colours, each its own
        assertEquals("a man in his thirties, wearing a rough green woollen tunic and leather boots.", d.get(0));
        // what they carry is no clothing of theirs: a garment is added to what they wear
        assertEquals(
                "a man in his forties, wearing a red tunic, a disguise, carrying a dagger under his garment.",
                d.get(1));
        assertEquals("a woman in her twenties, wearing a blue silk gown.", d.get(2));
        assertEquals(
                "a man in his forties, wearing a dark yellow tunic, a sash and a curved dagger at the belt.", d.get(3));
        assertEquals("a woman in her fifties, wearing a purple apron", d.get(4));
    }

    @Test
    void aPersonWithNoGarmentIsGivenOneAndAnAnimalNothing() {
        List<StoryCharacter> cast = List.of(
                person("Curdken", Gender.MALE, ""),
                person("Hans", Gender.MALE, ""),
                new StoryCharacter("duck", "duck", List.of(), Gender.UNKNOWN, "", 3));
        List<String> d = OutfitColours.give(
                cast,
                List.of("a boy in his late teens, wearing a hat.", "an old man in his late sixties.", "a white duck."),
                List.of(List.of(), List.of(), List.of()));
        assertEquals("a boy in his late teens, wearing a blue tunic, a hat.", d.get(0));
        assertEquals("an old man in his late sixties, wearing a green tunic.", d.get(1));
        assertEquals("a white duck.", d.get(2));
    }

    @Test
    void aColourTheStoryGivesIsKeptEvenWhereTheDescriptionDroppedIt() {
        // the story's grey frock: giving her a blue one would contradict it, and grey counts as worn
        List<StoryCharacter> cast = List.of(person("Ash", Gender.FEMALE, ""));
        List<String> d = OutfitColours.give(
                cast,
                List.of("a girl of twelve, wearing a silk dress."),
                List.of(List.of(new StoryCue("clothing", "little grey frock", "she put on her little grey frock"))));
        assertEquals("a girl of twelve, wearing a silk dress.", d.get(0));
    }

    @Test
    void theColourOfClothesIsReadFromTheirPhraseOnly() {
        assertEquals("yellow", OutfitColours.clothingColour("a man with red hair, wearing a robe of gold brocade"));
        assertEquals("grey", OutfitColours.clothingColour("a woman wearing a stiff grey silk dress"));
        assertEquals("blue", OutfitColours.clothingColour("a man wearing a weathered navy captain's coat"));
        assertEquals("yellow", OutfitColours.clothingColour("a girl dressed in gold and silver"));
        assertEquals("pink", OutfitColours.clothingColour("a boy wearing a rose-coloured robe"));
        assertEquals(
                "a man wearing a blue checked work shirt",
                OutfitColours.dress("a man wearing a checked work shirt", "blue", Gender.MALE));
        // red hair and a black hat colour no clothes; "dark" is no colour of the palette
        assertNull(OutfitColours.clothingColour("a man with red hair, wearing a black hat and a dark cloak"));
    }
}

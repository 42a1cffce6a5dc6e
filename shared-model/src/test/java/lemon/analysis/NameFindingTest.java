package lemon.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lemon.story.StoryCharacter;
import org.junit.jupiter.api.Test;

/** Which capitalised runs are people: the precision and reach findings of the analyst's issue. */
class NameFindingTest {
    static List<String> names(String story) {
        return new OfflineAnalyst()
                .analyze(story, 5).characters().stream()
                        .map(StoryCharacter::name)
                        .sorted()
                        .toList();
    }

    @Test
    void aWeatherReportHasNoCharacters() {
        assertEquals(
                List.of(),
                names("Temperatures climbed through the morning and reached twenty degrees by noon. Humidity"
                        + " stayed high along the shore, and fog lingered in the valleys. Temperatures dropped again"
                        + " after sunset, and Humidity rose towards evening. Tomorrow begins cloudy, with rain from the"
                        + " west. Tomorrow brings stronger winds on the hills. Temperatures reached a record for the"
                        + " month, and Humidity is expected to ease on Thursday. Tomorrow's sunrise is at 6:42,"
                        + " and Tomorrow's outlook is dry."));
    }

    @Test
    void aFiftyWordStoryNamesEachOfItsPeopleOnce() {
        assertEquals(
                List.of("Anna", "Boris", "Carl"),
                names("Anna found a kitten in the rain and carried it home, though Boris said they could not keep"
                        + " it. Carl laughed and gave the little cat a saucer of warm milk by the stove, and by morning"
                        + " the kitten was asleep on the rug and everyone was smiling at it."));
    }

    @Test
    void aNameTheTextGivesAPersonOnceIsACharacterEvenInALongStory() {
        // sixteen sentences: not a short story, where any name said once would do
        String opening = "Pippa carried the cake to the gate and said it was fine. ".repeat(16);
        assertEquals(
                List.of("Pippa", "Rupert"),
                names(opening + "The bride burst into tears. Her new husband, a mild man named Rupert, thought"
                        + " they were tears of joy and began to clap."));
        // but a name someone takes as a disguise is not a new person
        assertEquals(
                List.of("Pippa"),
                names(opening + "Later the thief returned as a merchant named Cogia Houssain and sat down."));
    }

    @Test
    void aPlaceWhoseNounDoesSomethingIsNotAPerson() {
        assertEquals(
                List.of("Amara"),
                names("When the well at Kessa ran dry, Amara set out across the desert. Amara walked for three days"
                        + " and found salt by the cliffs. She said the road was long. Amara returned to Kessa with"
                        + " the salt, and the elders of Kessa thanked her."));
    }

    @Test
    void namesWithParticlesAreWhole() {
        assertEquals(
                List.of("Fatima bint Khalid", "Li Wei", "Yusuf al-Rashid"),
                names("Yusuf al-Rashid kept a spice stall in the old market. Every morning Li Wei, a tea merchant,"
                        + " stopped at the stall. Yusuf al-Rashid poured him coffee, and Li Wei poured Yusuf green tea."
                        + " Fatima bint Khalid, who sold saffron beside them, laughed. Li Wei said that the ship needed"
                        + " spices, and Fatima bint Khalid said it needed saffron. Yusuf al-Rashid agreed."));
    }

    @Test
    void aPersonNounTheStoryGivesAsANameIsAName() {
        List<String> found = names("Ned arrived with a goat, whose name was Duchess. It took Ned an hour to get Duchess"
                + " out of the car. Duchess ate the flowers, and Ned laughed.");
        assertEquals(true, found.contains("Duchess"), found.toString());
    }
}

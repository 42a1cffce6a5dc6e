package lemon.mini.models;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import lemon.mini.render.Action;
import lemon.mini.render.Attributes;
import lemon.mini.render.Captions;
import org.junit.jupiter.api.Test;

/** Who each word of a scene caption speaks of, and the regional cross-attention mask built from it. */
class SceneSpansTest {
    private static final List<String> GENDER_WORDS = List.of("man", "woman", "boy", "girl");

    @Test
    void everyWorldCaptionGivesEachPersonTheirOwnGenderAndHairWords() {
        Random r = new Random(5);
        for (int n = 0; n < 600; n++) {
            int k = 1 + n % 3;
            Action action = Action.values()[r.nextInt(Action.values().length)];
            if (k == 1 && action.item() != null) action = Action.STAND_TOGETHER;
            List<Attributes> people = new ArrayList<>();
            for (int i = 0; i < k; i++) people.add(Attributes.random(r));
            String caption = Captions.sceneCaption(people, action, r);
            List<String> words = CaptionTokenizer.split(caption);
            int[] owner = SceneSpans.personOfWord(words);
            if (k == 1) {
                assertTrue(Arrays.stream(owner).allMatch(o -> o == -1), caption);
                continue;
            }
            assertEquals(k, SceneSpans.people(owner), caption);
            for (int i = 0; i < k; i++) {
                List<String> own = new ArrayList<>();
                for (int w = 0; w < words.size(); w++) if (owner[w] == i) own.add(words.get(w));
                List<String> genders =
                        own.stream().filter(GENDER_WORDS::contains).toList();
                assertEquals(1, genders.size(), caption + " → person " + i + ": " + own);
                boolean male = genders.get(0).equals("man") || genders.get(0).equals("boy");
                assertEquals(people.get(i).isMale(), male, caption + " → person " + i + ": " + own);
                assertTrue(own.contains(people.get(i).hairColour().word()), caption + " → person " + i + ": " + own);
                assertTrue(
                        own.contains(people.get(i).clothingColour().word()), caption + " → person " + i + ": " + own);
            }
        }
    }

    @Test
    void thePipelinesPromptsSplitAtTheirTokensAndAnAnchorsAndStaysWithItsPerson() {
        List<String> words = CaptionTokenizer.split("<c7> a man, brown hair, wearing a robe stands beside <c2> a woman,"
                + " wearing a gown, and a headscarf, while <c4> a girl with red hair looks on");
        int[] owner = SceneSpans.personOfWord(words);
        assertEquals(0, owner[words.indexOf("<c7>")]);
        assertEquals(0, owner[words.indexOf("robe")]);
        assertEquals(-1, owner[words.indexOf("stands")]);
        assertEquals(1, owner[words.indexOf("<c2>")]);
        assertEquals(1, owner[words.indexOf("headscarf")]);
        assertEquals(2, owner[words.indexOf("<c4>")]);
        assertEquals(2, owner[words.indexOf("red")]);
        assertEquals(-1, owner[words.indexOf("looks")]);
        // "hands … to": the item is the scene's
        List<String> give = CaptionTokenizer.split("<c1> a man hands a golden cup to <c2> a woman");
        int[] g = SceneSpans.personOfWord(give);
        assertEquals(-1, g[give.indexOf("cup")]);
        assertEquals(1, g[give.indexOf("woman")]);
    }

    @Test
    void aPersonsColumnReadsOnlyItsOwnWordsAndTheScenes() {
        int[] owner = {-1, 0, 0, -1, 1, 1, -1, -1};
        try (NDManager m = TestSupport.manager()) {
            float[] s = new RegionMask(new int[][] {owner}).scores(m, 2, 4).toFloatArray(); // [1, 1, 8, 8]
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 4; x++) {
                    int column = x < 2 ? 0 : 1;
                    for (int j = 0; j < owner.length; j++) {
                        boolean readable = owner[j] == -1 || owner[j] == column;
                        assertEquals(
                                readable ? 0f : -1e4f,
                                s[(y * 4 + x) * owner.length + j],
                                "pixel " + x + "," + y + " position " + j);
                    }
                }
            }
            float[] none = RegionMask.none(1, 8).scores(m, 2, 4).toFloatArray();
            for (float v : none) assertEquals(0f, v);
        }
    }
}

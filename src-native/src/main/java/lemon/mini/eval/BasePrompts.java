package lemon.mini.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lemon.mini.pipelines.PromptWindow;
import lemon.stage.personalize.PersonalizeStage;
import lemon.stage.visualize.ScenePrompts;
import lemon.stage.visualize.VisualizeStage;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/**
 * The Base method's scene prompts (the paper's "StableDiffusion" row): the scene prompt as
 * visualize paints it ({@link ScenePrompts}: the same characters, the same left-to-right order,
 * unpainted ones as their class word, the style appended), with each painted character's
 * description where visualize puts its learned token.
 *
 * <p><b>Long descriptions.</b> A description-writer's sentence is 35–45 words; two or three of them
 * do not fit the text encoder's window (64 tokens with its start and end marks), and the generator
 * would cut the prompt at the end, so the last character would lose its description (the hair and
 * clothing words come last in each). Instead each mention of a painted character gets an equal
 * share of the window left after the rest of the prompt ({@code (window − other words) /
 * mentions}, at least {@value PromptWindow#MIN_SHARE}; the other words counted as the generator reads them,
 * {@link PromptWindow#length}; a character named twice is described twice, as visualize names its token
 * twice), and its description is fitted into that share ({@link PromptWindow#fit}) by what the text encoder
 * can read of it: words it does not know are left out (each would only be an unknown token),
 * comma-phrases left with nothing but articles and prepositions go, and if it is still too long,
 * such filler words go from the end, then the end is cut. The colour, hair, clothing and gender
 * words survive, and the prompt fits the window, so no character loses its description to the cut.
 */
public final class BasePrompts {
    private BasePrompts() {}

    /**
     * A Base prompt: the text to paint, the characters painted (left to right), and each one's
     * description as fitted into the prompt.
     */
    public record Painted(String prompt, List<String> characterIds, Map<String, String> fitted) {}

    /**
     * @param descriptions character id → its description (descriptions.json); a character without
     *     one is painted as its class word ("a woman")
     * @param painted the characters visualize painted in this scene (SceneImage.characterIds), in order
     */
    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> descriptions,
            List<String> painted,
            String style,
            PromptWindow window) {
        return paint(scene, characters, descriptions, painted, style, window, ScenePrompts.Register.SENTENCE);
    }

    /** @param register the wording visualize used around the tokens (the painter's: {@code ImageGenerator.readsFreeText}) */
    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> descriptions,
            List<String> painted,
            String style,
            PromptWindow window,
            ScenePrompts.Register register) {
        // markers where visualize puts the tokens: only the painted characters get one, so the
        // rest become class words exactly as in visualize's prompt
        Map<String, String> markers = new LinkedHashMap<>();
        for (int i = 0; i < painted.size(); i++) markers.put(painted.get(i), "\uE000" + i + "\uE001");
        ScenePrompts.Painted p =
                ScenePrompts.paint(scene, characters, markers, VisualizeStage.MAX_PEOPLE, style, register);
        if (!p.characterIds().equals(painted)) {
            throw new IllegalStateException("scene " + scene.index() + ": visualize painted " + painted
                    + " but its prompt names " + p.characterIds() + " in that order");
        }
        String outside = p.prompt();
        int mentions = 0; // a character named twice ("Rapunzel cast out Rapunzel") is described twice
        for (String m : markers.values()) {
            for (int at = outside.indexOf(m); at >= 0; at = outside.indexOf(m, at + 1)) mentions++;
            outside = outside.replace(m, " ");
        }
        int share = window.share(window.length(outside), mentions);
        String prompt = p.prompt();
        Map<String, String> fitted = new LinkedHashMap<>();
        for (String id : painted) {
            String d = descriptions.get(id);
            String f = d == null || d.isBlank() ? "" : PromptWindow.fit(d, share, window);
            if (f.isEmpty())
                f = "a " + PersonalizeStage.classWord(characters.get(id).gender());
            fitted.put(id, f);
            prompt = prompt.replace(markers.get(id), f);
        }
        return new Painted(prompt, List.copyOf(painted), fitted);
    }
}

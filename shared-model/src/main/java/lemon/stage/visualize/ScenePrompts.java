package lemon.stage.visualize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lemon.stage.personalize.PersonalizeStage;
import lemon.story.Scene;
import lemon.story.StoryCharacter;

/**
 * Scene prompts as the personalised model reads them (§4.3): every name of a character (canonical
 * name and aliases, longest first, with a leading article) is replaced by that character's
 * placeholder. A picture holds at most {@code maxPeople}; characters past that, in order of
 * appearance, are named by their class word instead, so they are not asked of the picture.
 *
 * <p>Two registers: {@link Register#SENTENCE} keeps the story's sentence around the placeholders,
 * for a model that reads free text (SD); {@link Register#CAPTION} says the same characters and the
 * sentence's action in the words of the bundled model's scene captions ("&lt;c1&gt; talks with
 * &lt;c2&gt;, while &lt;c3&gt; looks on"), since that text encoder knows only its world's words and
 * would read the rest of a story sentence as unknown tokens.
 */
public final class ScenePrompts {
    private ScenePrompts() {}

    /** How the prompt around the placeholders is worded. */
    public enum Register {
        SENTENCE,
        CAPTION
    }

    /** As {@link #paint(Scene, Map, Map, int, String, Register)} in the sentence register. */
    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> placeholders,
            int maxPeople,
            String style) {
        return paint(scene, characters, placeholders, maxPeople, style, Register.SENTENCE);
    }

    /** A prompt to paint: the text, the characters in it by order of appearance, placeholder → character id. */
    public record Painted(String prompt, List<String> characterIds, Map<String, String> placeholders) {}

    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> placeholders,
            int maxPeople,
            String style,
            Register register) {
        // every name of every character of the scene, longest first so "Ali Baba's wife" wins over "Ali Baba"
        List<String[]> names = new ArrayList<>(); // {name, id}
        for (String id : scene.characterIds()) {
            StoryCharacter c = characters.get(id);
            if (c == null) continue;
            names.add(new String[] {c.name(), id});
            for (String a : c.aliases()) names.add(new String[] {a, id});
        }
        names.sort(Comparator.comparingInt((String[] n) -> -n[0].length()));
        String text = scene.prompt();
        // mark each occurrence with a private marker, then decide per character by first appearance
        Map<String, String> marker = new LinkedHashMap<>();
        for (String[] n : names) {
            if (n[0].isBlank()) continue;
            String m = marker.computeIfAbsent(n[1], id -> "\u0001" + marker.size() + "\u0002");
            Pattern p = Pattern.compile("(?i)\\b(?:the |a |an )?" + Pattern.quote(n[0]) + "(?![\\p{L}\\p{N}])");
            text = p.matcher(text).replaceAll(Matcher.quoteReplacement(m));
        }
        List<String> order = new ArrayList<>();
        Matcher found = Pattern.compile("\u0001(\\d+)\u0002").matcher(text);
        List<String> ids = new ArrayList<>(marker.keySet());
        while (found.find()) {
            String id = ids.get(Integer.parseInt(found.group(1)));
            if (!order.contains(id)) order.add(id);
        }
        Map<String, String> used = new LinkedHashMap<>();
        List<String> painted = new ArrayList<>();
        for (String id : order) {
            String m = marker.get(id);
            String ph = placeholders.get(id);
            if (ph != null && painted.size() < maxPeople) {
                painted.add(id);
                used.put(ph, id);
                text = text.replace(m, ph);
            } else {
                text = text.replace(
                        m, "a " + PersonalizeStage.classWord(characters.get(id).gender()));
            }
        }
        String prompt = text.replaceAll("\\s+", " ").strip();
        if (register == Register.CAPTION && !painted.isEmpty()) {
            List<String> ph = new ArrayList<>();
            for (String id : painted) ph.add(placeholders.get(id));
            prompt = caption(ph, scene.prompt());
        }
        if (!style.isBlank()) prompt = prompt + ", " + style.strip();
        return new Painted(prompt, painted, used);
    }

    private static final Pattern TALK = Pattern.compile(
            "(?i)\\b(said|say|says|told|tell|tells|asked|ask|asks|spoke|speak|speaks|talk\\w*|answer\\w*|cried|called|"
                    + "whisper\\w*|repl\\w*|begged|thanked|greet\\w*)\\b");
    private static final Pattern ARGUE = Pattern.compile(
            "(?i)\\b(argu\\w*|quarrel\\w*|fight\\w*|fought|kill\\w*|struck|strike|attack\\w*|angry|scold\\w*|threat\\w*)\\b");
    private static final Pattern SIT = Pattern.compile("(?i)\\b(sat|sit|sits|sitting|seated)\\b");
    private static final Pattern GIVE =
            Pattern.compile("(?i)\\b(gave|give|gives|giving|handed|hands|offer\\w*|brought|bring\\w*|present\\w*)\\b");
    /** Things the world can draw changing hands, by the story's word; the first one named wins. */
    private static final List<Map.Entry<String, String>> ITEMS = List.of(
            Map.entry("letter", "a sealed letter"),
            Map.entry("book", "a brown book"),
            Map.entry("flower", "a yellow flower"),
            Map.entry("rose", "a yellow flower"),
            Map.entry("apple", "a red apple"),
            Map.entry("cup", "a golden cup"),
            Map.entry("goblet", "a golden cup"));

    /** The caption register: the scene's people by placeholder and the sentence's action, in the world's words. */
    static String caption(List<String> people, String sentence) {
        String a = people.get(0);
        if (people.size() == 1) {
            return a
                    + (SIT.matcher(sentence).find()
                            ? " sits on a chair"
                            : TALK.matcher(sentence).find() ? " speaks" : " stands alone");
        }
        String b = people.get(1);
        String item = null;
        for (var e : ITEMS) {
            if (item == null
                    && Pattern.compile("(?i)\\b" + e.getKey() + "s?\\b")
                            .matcher(sentence)
                            .find()) item = e.getValue();
        }
        String main;
        if (item != null && GIVE.matcher(sentence).find()) main = a + " hands " + item + " to " + b;
        else if (ARGUE.matcher(sentence).find()) main = a + " argues with " + b;
        else if (SIT.matcher(sentence).find()) main = a + " sits on a chair and listens to " + b;
        else if (TALK.matcher(sentence).find()) main = a + " talks with " + b;
        else main = a + " stands beside " + b;
        return people.size() > 2 ? main + ", while " + people.get(2) + " looks on" : main;
    }
}

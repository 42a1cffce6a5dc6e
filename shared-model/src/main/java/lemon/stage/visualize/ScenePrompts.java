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
 */
public final class ScenePrompts {
    private ScenePrompts() {}

    /** A prompt to paint: the text, the characters in it by order of appearance, placeholder → character id. */
    public record Painted(String prompt, List<String> characterIds, Map<String, String> placeholders) {}

    public static Painted paint(
            Scene scene,
            Map<String, StoryCharacter> characters,
            Map<String, String> placeholders,
            int maxPeople,
            String style) {
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
        if (!style.isBlank()) prompt = prompt + ", " + style.strip();
        return new Painted(prompt, painted, used);
    }
}

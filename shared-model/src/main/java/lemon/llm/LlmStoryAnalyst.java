package lemon.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lemon.analysis.AnalysisMerger;
import lemon.analysis.Chunker;
import lemon.analysis.GraphBuilder;
import lemon.analysis.MentionIndex;
import lemon.analysis.Slugs;
import lemon.port.StoryAnalyst;
import lemon.story.Gender;
import lemon.story.InteractionGraph;
import lemon.story.Scene;
import lemon.story.StoryAnalysis;
import lemon.story.StoryCharacter;

/**
 * analyze-story through an LLM. Long stories are cut into chunks that fit Llama-2's 4,096-token
 * context with room for the instructions and the answer; per-chunk answers are merged. The LLM
 * names the characters and writes the scenes; mention counts and the interaction graph are then
 * computed from the text itself, so edge weights mean the same thing whichever analyst ran, and a
 * character the story never mentions is dropped with a warning.
 */
public final class LlmStoryAnalyst implements StoryAnalyst {
    static final int CHUNK_TOKENS = 2500;
    static final int MAX_CHARACTERS = 200;
    static final int MAX_SCENE_WORDS = 20;

    private final StructuredLlm llm;

    public LlmStoryAnalyst(StructuredLlm llm) {
        this.llm = llm;
    }

    /** {@code members}: for a group, its count (0 when the story gives none); {@code memberOf}: the group's name. */
    record CharacterAnswer(
            String name, List<String> aliases, String gender, String role, Integer members, String memberOf) {}

    record SceneAnswer(String prompt, List<String> characters) {}

    record AnalysisAnswer(List<CharacterAnswer> characters, List<SceneAnswer> scenes) {}

    @Override
    public String name() {
        return "llm:" + llm.name();
    }

    @Override
    public StoryAnalysis analyze(String storyText, int sceneCount) {
        List<String> chunks = Chunker.chunks(storyText, CHUNK_TOKENS);
        int totalWords = Math.max(1, words(storyText));
        List<StoryAnalysis> parts = new ArrayList<>();
        for (String chunk : chunks) {
            int scenes = Math.max(1, Math.round((float) sceneCount * words(chunk) / totalWords));
            AnalysisAnswer answer = llm.ask(
                    Prompts.ANALYZE_SYSTEM,
                    Prompts.analyzeUser(chunk, scenes),
                    AnalysisAnswer.class,
                    LlmStoryAnalyst::problems);
            parts.add(toAnalysis(answer));
        }
        StoryAnalysis merged = AnalysisMerger.merge(parts, sceneCount);
        List<String> warnings = new ArrayList<>(merged.warnings());
        List<StoryCharacter> grounded = grounded(storyText, merged.characters(), warnings);
        java.util.Set<String> groundedIds = new java.util.HashSet<>();
        grounded.forEach(c -> groundedIds.add(c.id()));
        grounded = grounded.stream()
                .map(c -> c.memberOf() != null && !groundedIds.contains(c.memberOf()) ? c.memberOf(null) : c)
                .toList();
        MentionIndex index = MentionIndex.build(storyText, grounded);
        List<StoryCharacter> counted = new ArrayList<>();
        for (StoryCharacter c : grounded) {
            counted.add(c.with(
                    c.aliases(),
                    c.gender(),
                    c.role(),
                    index.sentencesMentioning(c.id(), true).size()));
        }
        if (counted.size() > MAX_CHARACTERS) {
            warnings.add(
                    "the LLM listed " + counted.size() + " characters; kept the " + MAX_CHARACTERS + " mentioned most");
            counted.sort(
                    Comparator.comparingInt(StoryCharacter::mentions).reversed().thenComparing(StoryCharacter::id));
            counted = new ArrayList<>(counted.subList(0, MAX_CHARACTERS));
        }
        InteractionGraph graph = GraphBuilder.build(MentionIndex.build(storyText, counted), counted);
        List<String> kept = counted.stream().map(StoryCharacter::id).toList();
        List<Scene> scenes = merged.scenes().stream()
                .map(s -> new Scene(
                        s.index(),
                        s.prompt(),
                        s.characterIds().stream().filter(kept::contains).toList()))
                .toList();
        return new StoryAnalysis(counted, scenes, graph, warnings);
    }

    /**
     * The characters the story itself names: one whose name and aliases all occur nowhere in the
     * text (as whole words, ignoring case and a leading article) was made up by the LLM, and is
     * dropped with a warning rather than painted. Pronouns do not count: an invented "queen" would
     * otherwise collect every "she".
     */
    static List<StoryCharacter> grounded(String storyText, List<StoryCharacter> characters, List<String> warnings) {
        String text = normalise(storyText);
        List<StoryCharacter> kept = new ArrayList<>();
        List<String> invented = new ArrayList<>();
        for (StoryCharacter c : characters) {
            List<String> surfaces = new ArrayList<>(c.aliases());
            surfaces.add(0, c.name());
            if (surfaces.stream().anyMatch(x -> occurs(text, x))) {
                kept.add(c);
            } else {
                invented.add('"' + c.name() + '"');
            }
        }
        if (!invented.isEmpty()) {
            warnings.add("dropped " + invented.size() + " character(s) the LLM named but the story never mentions"
                    + " (by name or alias): " + String.join(", ", invented));
        }
        return kept;
    }

    /** Whether {@code surface}, or it without a leading "the"/"a"/"an", is a whole-word match in {@code text}. */
    static boolean occurs(String text, String surface) {
        String term = normalise(surface);
        if (term.isEmpty()) {
            return false;
        }
        if (containsWords(text, term)) {
            return true;
        }
        String bare = term.replaceFirst("^(the|a|an) ", "");
        return !bare.equals(term) && !bare.isEmpty() && containsWords(text, bare);
    }

    private static boolean containsWords(String text, String term) {
        for (int i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
            int end = i + term.length();
            boolean startsWord = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, one kind of apostrophe ("king’s son" = "king's son"), single spaces. */
    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** One chunk's answer as an analysis; scene characters are resolved by name or alias. */
    static StoryAnalysis toAnalysis(AnalysisAnswer a) {
        Map<String, StoryCharacter> byId = new LinkedHashMap<>();
        Map<String, String> idByName = new HashMap<>();
        for (CharacterAnswer c : a.characters()) {
            String id = Slugs.of(c.name());
            List<String> aliases = c.aliases() == null
                    ? List.of()
                    : c.aliases().stream()
                            .filter(x -> x != null && !x.isBlank() && !x.equalsIgnoreCase(c.name()))
                            .map(String::strip)
                            .distinct()
                            .toList();
            byId.putIfAbsent(
                    id,
                    new StoryCharacter(
                            id,
                            c.name().strip(),
                            aliases,
                            gender(c.gender()),
                            c.role() == null ? "" : c.role().strip(),
                            0,
                            c.members() == null || c.members() < 0 || c.members() == 1 ? null : c.members(),
                            null));
            idByName.put(c.name().strip().toLowerCase(Locale.ROOT), id);
            aliases.forEach(x -> idByName.putIfAbsent(x.toLowerCase(Locale.ROOT), id));
        }
        for (CharacterAnswer c : a.characters()) { // a member names its group; linked once every id is known
            String group = c.memberOf() == null
                    ? null
                    : idByName.get(c.memberOf().strip().toLowerCase(Locale.ROOT));
            String id = Slugs.of(c.name());
            if (group != null && !group.equals(id) && byId.get(group).isGroup())
                byId.put(id, byId.get(id).memberOf(group));
        }
        List<Scene> scenes = new ArrayList<>();
        for (SceneAnswer s : a.scenes()) {
            List<String> ids = s.characters() == null
                    ? List.of()
                    : s.characters().stream()
                            .map(n -> idByName.get(n == null ? "" : n.strip().toLowerCase(Locale.ROOT)))
                            .filter(java.util.Objects::nonNull)
                            .distinct()
                            .toList();
            scenes.add(new Scene(scenes.size(), firstWords(s.prompt().strip(), MAX_SCENE_WORDS), ids));
        }
        return new StoryAnalysis(
                List.copyOf(byId.values()), scenes, new InteractionGraph(List.of(), List.of()), List.of());
    }

    static List<String> problems(AnalysisAnswer a) {
        List<String> p = new ArrayList<>();
        if (a.characters() == null) {
            p.add("\"characters\" is missing");
        } else {
            for (int i = 0; i < a.characters().size(); i++) {
                CharacterAnswer c = a.characters().get(i);
                if (c == null || c.name() == null || c.name().isBlank()) {
                    p.add("characters[" + i + "] has no name");
                } else if (c.name().length() > 80) {
                    p.add("characters[" + i + "].name is not a name (over 80 characters)");
                }
            }
        }
        if (a.scenes() == null) {
            p.add("\"scenes\" is missing");
        } else {
            for (int i = 0; i < a.scenes().size(); i++) {
                SceneAnswer s = a.scenes().get(i);
                if (s == null || s.prompt() == null || s.prompt().isBlank()) {
                    p.add("scenes[" + i + "] has no prompt");
                } else if (Prompts.echoesInstructions(s.prompt())) {
                    p.add("scenes[" + i + "] repeats the instructions");
                }
            }
        }
        return p;
    }

    private static Gender gender(String g) {
        if (g == null) {
            return Gender.UNKNOWN;
        }
        return switch (g.strip().toLowerCase(Locale.ROOT)) {
            case "male", "m", "man" -> Gender.MALE;
            case "female", "f", "woman" -> Gender.FEMALE;
            default -> Gender.UNKNOWN;
        };
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static String firstWords(String s, int n) {
        String[] w = s.split("\\s+");
        return w.length <= n ? s : String.join(" ", java.util.Arrays.copyOf(w, n));
    }
}

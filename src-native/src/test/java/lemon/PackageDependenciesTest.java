package lemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout of src-native, read from the main sources: no package cycles, and inference
 * (what the workflow runs: models, schedulers, loaders, pipelines, the matcher's retriever and the
 * text encoder) never reaches training code, not even through another package.
 */
class PackageDependenciesTest {
    static final List<String> INFERENCE = List.of(
            "lemon.mini.models",
            "lemon.mini.schedulers",
            "lemon.mini.loaders",
            "lemon.mini.pipelines",
            "lemon.engine.matcher",
            "lemon.engine.text");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");
    /** A fully qualified name in code: lower-case package segments, then a class. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(lemon(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        for (String from : deps.keySet()) {
            for (String to : deps.get(from)) {
                List<String> back = path(deps, to, from);
                assertTrue(back == null, () -> "package cycle: " + from + " → " + String.join(" → ", back));
            }
        }
    }

    @Test
    void inferenceNeverReachesTraining() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.keySet().containsAll(INFERENCE), "inference packages exist: " + deps.keySet());
        // the scanner sees edges into training, so the check below can fail
        assertTrue(deps.get("lemon.engine.matcher.training").contains("lemon.mini.training"));
        for (String p : INFERENCE) {
            for (String reached : reachable(deps, p)) {
                assertTrue(
                        !reached.endsWith(".training"),
                        p + " reaches " + reached + ": " + String.join(" → ", path(deps, p, reached)));
            }
        }
    }

    @Test
    void theScannerReadsImportsAndQualifiedNamesButNotComments() {
        String src = """
                package lemon.a;
                import lemon.b.B;
                import static lemon.c.C.NAME;
                import lemon.d.D.Inner;
                /** See {@link lemon.x.X}. */
                class A { Object o = new lemon.e.E(); // lemon.y.Y
                }
                """;
        assertEquals(Set.of("lemon.b", "lemon.c", "lemon.d", "lemon.e"), references(src));
    }

    /** Package → the project packages its main sources refer to (itself excluded). */
    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = PACKAGE.matcher(src);
                assertTrue(m.find(), "no package line in " + f);
                Set<String> to = deps.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                to.addAll(references(src));
                to.remove(m.group(1));
            }
        }
        for (Set<String> to : deps.values()) to.retainAll(deps.keySet()); // other modules cannot close a cycle
        assertTrue(deps.size() > 5, "read the sources: " + deps.keySet());
        return deps;
    }

    static Set<String> references(String src) {
        String code = src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Set<String> out = new TreeSet<>();
        Matcher i = IMPORT.matcher(code);
        while (i.find()) out.add(packageOf(i.group(1)));
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) out.add(q.group(1));
        out.removeIf(p -> !p.startsWith("lemon."));
        return out;
    }

    /** The leading lower-case segments of a qualified name. */
    private static String packageOf(String name) {
        List<String> segs = new ArrayList<>();
        for (String s : name.split("\\.")) {
            if (!Character.isLowerCase(s.charAt(0))) break;
            segs.add(s);
        }
        return String.join(".", segs);
    }

    private static Set<String> reachable(Map<String, Set<String>> deps, String from) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(deps.get(from));
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (seen.add(p)) todo.addAll(deps.getOrDefault(p, Set.of()));
        }
        return seen;
    }

    /** A shortest path of packages from {@code from} to {@code to}, both included; null if none. */
    private static List<String> path(Map<String, Set<String>> deps, String from, String to) {
        Map<String, String> parent = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        parent.put(from, "");
        while (!todo.isEmpty()) {
            String p = todo.removeFirst();
            if (p.equals(to)) {
                List<String> out = new ArrayList<>();
                for (String s = p; !s.isEmpty(); s = parent.get(s)) out.add(0, s);
                return out;
            }
            for (String n : deps.getOrDefault(p, Set.of())) {
                if (parent.putIfAbsent(n, p) == null) todo.addLast(n);
            }
        }
        return null;
    }
}

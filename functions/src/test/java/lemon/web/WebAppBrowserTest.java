package lemon.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page in a real browser (src/test/browser/webapp.mjs, Playwright over Debian's chromium):
 * upload, every stage, reload mid-run, a portrait, the zip, a bad upload, two tenants, phone width.
 * Screenshots go to target/browser-screenshots/ for a person to look at. Skipped, with a notice,
 * where chromium, node or the npm package is missing (.ci/run installs them).
 */
@QuarkusTest
class WebAppBrowserTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aStoryBecomesAStoryboardInTheBrowser() throws Exception {
        Path scripts = Path.of("src/test/browser");
        Path chromium = Path.of(System.getenv().getOrDefault("LEMON_CHROMIUM", "/usr/bin/chromium"));
        String missing = !Files.isExecutable(chromium)
                ? "no chromium at " + chromium + " (apt-get install chromium, or set LEMON_CHROMIUM)"
                : !Files.isDirectory(scripts.resolve("node_modules/playwright-core"))
                        ? "no playwright-core (npm ci --prefix functions/src/test/browser)"
                        : !onPath("node") ? "no node on the PATH" : null;
        if (missing != null) System.out.println("WebAppBrowserTest skipped: " + missing);
        Assumptions.assumeTrue(missing == null, missing);

        Path shots = Path.of("target/browser-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        Path story = shots.resolve("two-friends.md");
        try (var in = getClass().getClassLoader().getResourceAsStream("lemon/web/two-friends.md")) {
            Files.write(story, in.readAllBytes());
        }
        Process node = new ProcessBuilder(
                        "node", "webapp.mjs", base.toString(), shots.toString(), chromium.toString(), story.toString())
                .directory(scripts.toFile())
                .redirectErrorStream(true)
                .redirectOutput(shots.resolve("webapp.log").toFile())
                .start();
        boolean ended = node.waitFor(10, TimeUnit.MINUTES);
        if (!ended) node.destroyForcibly();
        String log = Files.readString(shots.resolve("webapp.log"));
        assertTrue(ended, "the browser checks did not end in 10 minutes:\n" + log);
        assertEquals(0, node.exitValue(), log);
        assertTrue(log.contains("browser checks passed"), log);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, program))) return true;
        return false;
    }
}

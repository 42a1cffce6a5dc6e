package lemon.mini.render;

import static lemon.mini.render.PortraitRendererTest.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    @Test
    void validationSplitIsAboutTenPercentAndDependsOnlyOnTheIndex() {
        long val =
                IntStream.range(0, 20000).filter(DatasetGenerator::isValidation).count();
        assertTrue(val > 1800 && val < 2200, "validation count " + val);
        List<Boolean> a =
                DatasetGenerator.samples(1, 60, 16).map(Sample::validation).toList();
        List<Boolean> b =
                DatasetGenerator.samples(2, 60, 16).map(Sample::validation).toList();
        assertEquals(a, b);
    }

    @Test
    void streamIsDeterministicAndMixesPortraitsAndScenes() {
        List<Sample> first = DatasetGenerator.samples(77, 120, 32).toList();
        List<Sample> again = DatasetGenerator.samples(77, 120, 32).toList();
        int scenes = 0;
        for (int i = 0; i < first.size(); i++) {
            Sample s = first.get(i);
            assertEquals(s.caption(), again.get(i).caption());
            assertArrayEquals(pixels(s.image()), pixels(again.get(i).image()));
            assertEquals(32, s.image().getWidth());
            if (s.kind() == Sample.Kind.SCENE) {
                scenes++;
                assertNull(s.attributes());
                assertTrue(s.people().size() >= 1 && s.people().size() <= 3);
                assertNotNull(s.action());
            } else {
                assertEquals(List.of(s.attributes()), s.people());
            }
        }
        assertTrue(scenes > 15 && scenes < 50, "scenes " + scenes);
    }

    @Test
    void writesPngsAndOneLabelLinePerSample(@TempDir Path dir) throws Exception {
        DatasetGenerator.write(dir, 5, 24, 48);
        List<String> lines = Files.readAllLines(dir.resolve("labels.jsonl"));
        assertEquals(24, lines.size());
        Pattern file = Pattern.compile("\"file\":\"(\\d{6}\\.png)\"");
        Pattern count = Pattern.compile("\"people_count\":(\\d)");
        Pattern genders = Pattern.compile("\"genders\":\\[((\"(male|female)\",?)+)]");
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
            for (String key :
                    List.of("\"kind\":\"", "\"split\":\"", "\"seed\":", "\"caption\":\"", "\"people\":[{\"gender\":\""))
                assertTrue(line.contains(key), key + " missing in " + line);
            assertTrue(
                    line.contains("\"kind\":\"portrait\"")
                            || line.contains("\"kind\":\"scene\",") && line.contains("\"action\":"),
                    line);
            assertTrue(line.contains("\"split\":\"train\"") || line.contains("\"split\":\"validation\""), line);
            Matcher f = file.matcher(line), c = count.matcher(line), g = genders.matcher(line);
            assertTrue(f.find() && c.find() && g.find(), line);
            assertEquals(Integer.parseInt(c.group(1)), g.group(1).split(",").length, line);
            assertEquals(Integer.parseInt(c.group(1)), line.split("\"clothingColour\"").length - 1, line);
            BufferedImage img = ImageIO.read(dir.resolve(f.group(1)).toFile());
            assertEquals(48, img.getWidth());
            assertEquals(48, img.getHeight());
        }
    }
}

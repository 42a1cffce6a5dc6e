package lemon.mini.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import lemon.mini.render.Attributes.Accessory;
import lemon.mini.render.Attributes.Age;
import lemon.mini.render.Attributes.Background;
import lemon.mini.render.Attributes.ClothingType;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.Gender;
import lemon.mini.render.Attributes.HairColour;
import lemon.mini.render.Attributes.HairStyle;
import lemon.mini.render.Attributes.Headwear;
import lemon.mini.render.Attributes.SkinTone;
import lemon.mini.render.Attributes.Style;

/**
 * Writes a contact sheet for eyeballing the renderer: each row is one description, shown for
 * four seeds at 64 px and two at 32 px (upscaled without smoothing, so what you see is what a
 * model sees), then rows of scenes ({@code lemon mini-world --sheet PNG}).
 */
public final class WorldSheet {
    private WorldSheet() {}

    private static final int CELL = 128, LABEL = 14;

    /** Writes the sheet as a PNG to {@code png}. */
    public static void write(java.nio.file.Path png) throws IOException {
        List<Attributes> rows = List.of(
                new Attributes(
                        Gender.FEMALE,
                        Age.MIDDLE_AGED,
                        SkinTone.LIGHT,
                        HairStyle.LONG,
                        HairColour.BLACK,
                        FacialHair.NONE,
                        ClothingType.DRESS,
                        Colour.RED,
                        Headwear.NONE,
                        Accessory.NECKLACE,
                        Background.PLAIN_SAGE,
                        Style.FLAT),
                new Attributes(
                        Gender.MALE,
                        Age.OLD,
                        SkinTone.TAN,
                        HairStyle.BALD,
                        HairColour.GREY,
                        FacialHair.BEARD,
                        ClothingType.ROBE,
                        Colour.BROWN,
                        Headwear.HOOD,
                        Accessory.STAFF,
                        Background.FOREST,
                        Style.FLAT),
                new Attributes(
                        Gender.MALE,
                        Age.YOUNG_ADULT,
                        SkinTone.DARK,
                        HairStyle.SHORT,
                        HairColour.BLACK,
                        FacialHair.NONE,
                        ClothingType.ARMOUR,
                        Colour.BLUE,
                        Headwear.NONE,
                        Accessory.SWORD,
                        Background.CASTLE_WALL,
                        Style.FLAT),
                new Attributes(
                        Gender.FEMALE,
                        Age.CHILD,
                        SkinTone.PALE,
                        HairStyle.BRAIDS,
                        HairColour.RED,
                        FacialHair.NONE,
                        ClothingType.TUNIC,
                        Colour.GREEN,
                        Headwear.NONE,
                        Accessory.NONE,
                        Background.PLAIN_BLUE,
                        Style.FLAT),
                new Attributes(
                        Gender.FEMALE,
                        Age.YOUNG_ADULT,
                        SkinTone.OLIVE,
                        HairStyle.CURLY,
                        HairColour.BLONDE,
                        FacialHair.NONE,
                        ClothingType.COAT,
                        Colour.PURPLE,
                        Headwear.CROWN,
                        Accessory.EARRINGS,
                        Background.NIGHT_SKY,
                        Style.WATERCOLOUR),
                new Attributes(
                        Gender.MALE,
                        Age.MIDDLE_AGED,
                        SkinTone.BROWN,
                        HairStyle.SHORT,
                        HairColour.BROWN,
                        FacialHair.MOUSTACHE,
                        ClothingType.SHIRT,
                        Colour.YELLOW,
                        Headwear.HAT,
                        Accessory.GLASSES,
                        Background.MARKET,
                        Style.WATERCOLOUR));
        int cols = 6;
        Random sceneRandom = new Random(5);
        List<BufferedImage> scenes = new ArrayList<>();
        List<String> sceneLabels = new ArrayList<>();
        Action[] actions = {
            Action.HAND_APPLE, Action.TALK, Action.STAND_TOGETHER, Action.LISTEN_SEATED, Action.HAND_BOOK, Action.ARGUE
        };
        for (int i = 0; i < actions.length; i++) {
            int k = i == 2 || i == 5 ? 3 : 2;
            Attributes first = Attributes.random(sceneRandom);
            List<Attributes> people = new ArrayList<>(List.of(first));
            while (people.size() < k)
                people.add(
                        Attributes.random(sceneRandom).withStyle(first.style()).withBackground(first.background()));
            // first row wide (128×64), second row square (64×64) as in the default data stream
            int sw = i < 3 ? 128 : 64;
            scenes.add(upscale(
                    SceneRenderer.render(
                            people,
                            actions[i].defaultLayout(),
                            actions[i],
                            first.background().name(),
                            i,
                            sw,
                            64),
                    2));
            sceneLabels.add(Captions.sceneCaption(people, actions[i], sceneRandom));
        }
        int sceneRows = 2;
        int w = cols * CELL, h = rows.size() * (CELL + LABEL) + sceneRows * (CELL + LABEL * 2);
        BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int y = 0;
        for (int ri = 0; ri < rows.size(); ri++) {
            Attributes a = rows.get(ri);
            g.setColor(Color.BLACK);
            g.drawString(Captions.portraitCaption(a, new Random(ri)), 4, y + 12);
            y += LABEL;
            for (int c = 0; c < cols; c++) {
                BufferedImage p = c < 4
                        ? upscale(PortraitRenderer.render(a, c, 64), 2)
                        : upscale(PortraitRenderer.render(a, c, 32), 4);
                g.drawImage(p, c * CELL, y, null);
            }
            y += CELL;
        }
        for (int row = 0; row < sceneRows; row++) {
            for (int c = 0; c < 3; c++) {
                int i = row * 3 + c;
                g.drawImage(scenes.get(i), c * 2 * CELL, y + 2 * LABEL, null);
                g.setColor(Color.BLACK);
                String label = sceneLabels.get(i);
                int cut = label.length() <= 40 ? label.length() : label.lastIndexOf(' ', 40);
                String rest = label.substring(cut).trim();
                g.drawString(label.substring(0, cut), c * 2 * CELL + 2, y + 12);
                g.drawString(rest.length() > 40 ? rest.substring(0, 38) + "…" : rest, c * 2 * CELL + 2, y + 12 + LABEL);
            }
            y += CELL + 2 * LABEL;
        }
        g.dispose();
        ImageIO.write(sheet, "png", png.toFile());
    }

    /** Nearest-neighbour upscaling: shows the real pixels. */
    static BufferedImage upscale(BufferedImage src, int f) {
        BufferedImage dst = new BufferedImage(src.getWidth() * f, src.getHeight() * f, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < dst.getHeight(); y++)
            for (int x = 0; x < dst.getWidth(); x++) dst.setRGB(x, y, src.getRGB(x / f, y / f));
        return dst;
    }
}

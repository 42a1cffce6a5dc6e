package lemon.mini.render;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One generated training example. {@code attributes} is the portrait's character and null for
 * scenes; {@code people} always lists everyone shown (one entry for portraits).
 */
public record Sample(
        BufferedImage image,
        Attributes attributes,
        List<Attributes> people,
        String caption,
        Kind kind,
        boolean validation,
        long seed,
        Layout layout,
        Action action) {
    public enum Kind {
        PORTRAIT,
        SCENE
    }
}

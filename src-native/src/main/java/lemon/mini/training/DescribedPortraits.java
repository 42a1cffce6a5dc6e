package lemon.mini.training;

import java.util.Random;
import lemon.cd.CdDatabaseGenerator;
import lemon.mini.render.Attributes;
import lemon.mini.render.DescriptionAttributes;

/**
 * Training pairs in the describer's own register (issue 14): a fresh C.D.-database description
 * ({@link CdDatabaseGenerator#randomDescription}: builds, looks with "cold grey eyes", "greying
 * copper hair", garments the world does not draw) and a mini-world character with every attribute
 * the description states ({@link DescriptionAttributes#parse}, the evaluation's own reading),
 * the rest drawn as the world draws them. Old characters with black hair and hats on the
 * middle-aged come in the proportions the descriptions state them, not the world's.
 */
public final class DescribedPortraits {
    private DescribedPortraits() {}

    /** A description and a character that looks as it says. */
    public record Described(String description, Attributes attributes) {}

    /** Draws until a description's stated attributes can be painted together (nearly always the first). */
    public static Described draw(Random r) {
        for (int tries = 0; tries < 200; tries++) {
            String d = CdDatabaseGenerator.randomDescription(r);
            Attributes a = fit(DescriptionAttributes.parse(d), r);
            if (a != null) return new Described(d, a);
        }
        throw new IllegalStateException("no C.D. description the world can paint in 200 draws");
    }

    /**
     * A plausible character with each stated attribute, or null when the stated ones cannot go
     * together (a headscarf on a man). Gender and age steer the world's own draw, so hair style,
     * clothing type and accessories keep their usual odds for that person.
     */
    static Attributes fit(DescriptionAttributes s, Random r) {
        for (int k = 0; k < 200; k++) {
            Attributes a = Attributes.random(r);
            if (s.gender() != null && a.gender() != s.gender()) continue;
            if (s.age() != null && a.age() != s.age()) continue;
            Attributes b = new Attributes(
                    a.gender(),
                    a.age(),
                    s.skin() != null ? s.skin() : a.skinTone(),
                    a.hairStyle(),
                    s.hair() != null ? s.hair() : a.hairColour(),
                    s.facialHair() != null ? s.facialHair() : a.facialHair(),
                    a.clothing(),
                    s.clothing() != null ? s.clothing() : a.clothingColour(),
                    s.headwear() != null ? s.headwear() : a.headwear(),
                    a.accessory(),
                    a.background(),
                    a.style());
            if (b.isPlausible()) return b;
        }
        return null;
    }
}

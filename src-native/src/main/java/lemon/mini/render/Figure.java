package lemon.mini.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.Random;
import lemon.mini.render.Attributes.Accessory;
import lemon.mini.render.Attributes.Age;
import lemon.mini.render.Attributes.ClothingType;
import lemon.mini.render.Attributes.Colour;
import lemon.mini.render.Attributes.FacialHair;
import lemon.mini.render.Attributes.HairColour;
import lemon.mini.render.Attributes.HairStyle;
import lemon.mini.render.Attributes.Headwear;
import lemon.mini.render.Attributes.Style;

/**
 * One character, painted in a 100-unit frame: the head is centred near (50, 40), the shoulders
 * start near y = 70 and the torso runs down to {@code bottom}. Portraits show the frame from
 * y = 0 to 100; scenes show it down to the waist. Shapes are big and colours flat on purpose:
 * hair colour, clothing colour, skin tone and gender cues must survive a 32 px rendering.
 */
final class Figure {
    final Attributes a;
    final boolean outlines;
    final int facing; // -1 looks left, 0 at the viewer, +1 looks right
    // geometry (frame units), varied a little by the seed
    final double cx, cy, rx, ry; // head
    final double bx, yS, shW, neckW; // body centre, shoulder line, half shoulder width, half neck width
    final double eyeGap, eyeW, eyeH, mouthW;
    // colours
    final Color skin, skinShade, hair, hairDark, cloth, clothDark, clothLight, accent, line;
    static final Color GOLD = new Color(0xE8B828), GOLD_DARK = new Color(0x9A7414);
    static final Color METAL = new Color(0xA8AEB8), METAL_DARK = new Color(0x5E646E);

    Figure(Attributes a, long seed, int facing) {
        this.a = a;
        this.facing = facing;
        this.outlines = a.style() == Style.FLAT;
        Random r = new Random(seed ^ 0x5DEECE66DL);
        boolean male = a.isMale();
        boolean child = a.age() == Age.CHILD;
        rx = (child ? 18.5 : male ? 17.5 : 16.5) + jit(r, 1.2);
        ry = (child ? 19.5 : 21.0) + jit(r, 1.2);
        cx = 50 + jit(r, 2.5) + facing * 2.5;
        cy = (child ? 45 : 39.5) + jit(r, 1.5);
        bx = 50 + (cx - 50) * 0.3;
        yS = cy + ry + (child ? 5 : 8);
        shW = (child ? 25 : male ? 36 : 29) + jit(r, 1.5);
        neckW = child ? 6 : male ? 7.5 : 6;
        eyeGap = 7 + jit(r, 0.8);
        eyeW = (child ? 5.2 : 4.4) + jit(r, 0.5);
        eyeH = (child ? 3.8 : 3.0) + jit(r, 0.4);
        mouthW = 4.5 + jit(r, 1);

        double paper = outlines ? 0 : 0.05; // watercolour pigments are a little lighter
        skin = tint(jitter(a.skinTone().rgb, r, 8), paper);
        skinShade = mix(skin, new Color(0x5A2E1E), 0.25);
        hair = tint(jitter(a.hairColour().rgb, r, 8), paper);
        hairDark = mix(hair, Color.BLACK, a.hairColour() == HairColour.BLACK ? 0 : 0.3);
        cloth = tint(jitter(a.clothingColour().rgb, r, 8), paper);
        clothDark = mix(cloth, Color.BLACK, 0.35);
        clothLight = mix(cloth, Color.WHITE, 0.25);
        Colour[] all = Colour.values();
        Colour acc = all[(a.clothingColour().ordinal() + 1 + r.nextInt(all.length - 1)) % all.length];
        accent = tint(new Color(acc.rgb), paper);
        line = new Color(0x2A1E1A);
    }

    static double jit(Random r, double amount) {
        return (r.nextDouble() * 2 - 1) * amount;
    }

    static Color jitter(int rgb, Random r, int amount) {
        return new Color(
                clamp(((rgb >> 16) & 255) + r.nextInt(2 * amount + 1) - amount),
                clamp(((rgb >> 8) & 255) + r.nextInt(2 * amount + 1) - amount),
                clamp((rgb & 255) + r.nextInt(2 * amount + 1) - amount));
    }

    static Color tint(Color c, double towardsPaper) {
        return towardsPaper == 0 ? c : mix(c, new Color(0xFAF6EC), towardsPaper);
    }

    static Color mix(Color a, Color b, double t) {
        return new Color(
                clamp((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t)),
                clamp((int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t)),
                clamp((int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t)));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    // ---------------------------------------------------------------- painting

    /** Paints the whole character; {@code bottom} is where the torso ends (frame units). */
    void paint(Graphics2D g, double bottom) {
        if (a.accessory() == Accessory.STAFF) paintStaff(g, bottom);
        paintHoodOrScarfBack(g);
        paintHairBack(g);
        fill(g, new Rectangle2D.Double(bx - neckW, cy + ry - 8, 2 * neckW, yS - (cy + ry - 8) + 4), skin, false);
        paintBody(g, bottom);
        paintHead(g);
        paintFace(g);
        paintFacialHair(g);
        paintHairFront(g);
        paintHeadwear(g);
        paintAccessories(g);
    }

    private void fill(Graphics2D g, Shape s, Color c, boolean outline) {
        g.setColor(c);
        g.fill(s);
        if (outline && outlines) {
            g.setColor(line);
            g.setStroke(STROKE);
            g.draw(s);
        }
    }

    private static final BasicStroke STROKE = new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private static void stroke(Graphics2D g, Shape s, Color c, double width) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    private static Ellipse2D ellipse(double x, double y, double rx, double ry) {
        return new Ellipse2D.Double(x - rx, y - ry, 2 * rx, 2 * ry);
    }

    private static Path2D poly(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) p.lineTo(xy[i], xy[i + 1]);
        p.closePath();
        return p;
    }

    private boolean hairHidden() {
        return a.headwear() == Headwear.HOOD || a.headwear() == Headwear.HEADSCARF || a.headwear() == Headwear.TURBAN;
    }

    private void paintStaff(Graphics2D g, double bottom) {
        double x = bx - shW - 2;
        fill(g, new Rectangle2D.Double(x - 2, 14, 4, bottom), new Color(0x6E4A26), true);
        fill(g, ellipse(x, 12, 4.5, 4.5), new Color(0x46A0E6), true);
    }

    /** The part of a hood or headscarf that shows around and behind the head. */
    private void paintHoodOrScarfBack(Graphics2D g) {
        if (a.headwear() == Headwear.HOOD) {
            Path2D p = new Path2D.Double();
            p.moveTo(bx - shW + 4, yS + 8);
            p.curveTo(cx - rx - 14, cy - 10, cx - rx, cy - ry - 12, cx, cy - ry - 10);
            p.curveTo(cx + rx, cy - ry - 12, cx + rx + 14, cy - 10, bx + shW - 4, yS + 8);
            p.closePath();
            fill(g, p, clothDark, true);
        } else if (a.headwear() == Headwear.HEADSCARF) {
            fill(g, ellipse(cx, cy + 2, rx + 6, ry + 4), accent, true);
            fill(g, poly(cx - rx - 2, cy + 8, cx + rx + 2, cy + 8, bx + 14, yS + 8, bx - 14, yS + 8), accent, false);
        }
    }

    private void paintHairBack(Graphics2D g) {
        if (hairHidden()) return;
        boolean male = a.isMale();
        switch (a.hairStyle()) {
            case LONG -> {
                double len = male ? yS + 2 : yS + 16;
                fill(
                        g,
                        new RoundRectangle2D.Double(cx - rx - 5, cy - ry - 2, 2 * rx + 10, len - (cy - ry - 2), 22, 22),
                        hair,
                        true);
            }
            case CURLY -> {
                if (!male) {
                    Area vol = new Area(ellipse(cx, cy + 4, rx + 8, ry + 9));
                    for (int i = 0; i < 12; i++) {
                        double t = Math.PI * (0.9 + 1.2 * i / 11.0); // left, over the top, to the right
                        vol.add(new Area(
                                ellipse(cx + Math.cos(t) * (rx + 8), cy + 6 + Math.sin(t) * (ry + 8), 5.5, 5.5)));
                    }
                    fill(g, vol, hair, true);
                }
            }
            case PONYTAIL -> fill(g, ellipse(cx + rx + 1, cy + 14, 5, 13), hair, true);
            case BUN -> fill(g, ellipse(cx, cy - ry - 2, 8.5, 7.5), hair, true);
            default -> {}
        }
    }

    private void paintBody(Graphics2D g, double bottom) {
        ClothingType type = a.clothing();
        Shape torso = new RoundRectangle2D.Double(bx - shW, yS, 2 * shW, bottom - yS + 20, 28, 28);
        if (type == ClothingType.ARMOUR) {
            fill(g, torso, METAL, true);
            // the tabard carries the clothing colour over the chest
            fill(g, new Rectangle2D.Double(bx - shW * 0.6, yS + 5, shW * 1.2, bottom - yS + 20), cloth, true);
            fill(g, ellipse(bx - shW + 5, yS + 5, 11, 8), METAL, true);
            fill(g, ellipse(bx + shW - 5, yS + 5, 11, 8), METAL, true);
            fill(g, ellipse(bx, yS, neckW + 5, 5), METAL_DARK, true);
            return;
        }
        fill(g, torso, cloth, true);
        switch (type) {
            case SHIRT -> {
                fill(g, poly(bx - 5, yS - 1, bx + 5, yS - 1, bx, yS + 9), skin, false);
                Color collar = a.clothingColour() == Colour.WHITE ? new Color(0xC8C8C8) : new Color(0xF4F4F0);
                fill(g, poly(bx - 10, yS - 1, bx - 1, yS + 1, bx - 4, yS + 8), collar, true);
                fill(g, poly(bx + 10, yS - 1, bx + 1, yS + 1, bx + 4, yS + 8), collar, true);
                fill(g, ellipse(bx, yS + 15, 1.2, 1.2), clothDark, false);
            }
            case TUNIC -> {
                fill(g, ellipse(bx, yS, neckW + 2, 5), skin, false);
                stroke(
                        g,
                        new java.awt.geom.Arc2D.Double(
                                bx - neckW - 2, yS - 5, 2 * neckW + 4, 10, 180, 180, java.awt.geom.Arc2D.OPEN),
                        clothDark,
                        2.5);
                fill(g, new Rectangle2D.Double(bx - shW, yS + 44, 2 * shW, 5), new Color(0x4A3018), false); // belt
            }
            case DRESS -> {
                fill(g, ellipse(bx, yS - 1, 12, 9), skin, false);
                stroke(
                        g,
                        new java.awt.geom.Arc2D.Double(bx - 12, yS - 10, 24, 18, 180, 180, java.awt.geom.Arc2D.OPEN),
                        clothDark,
                        1.8);
                fill(g, ellipse(bx - shW + 4, yS + 6, 9, 7), clothLight, true); // puffed sleeves
                fill(g, ellipse(bx + shW - 4, yS + 6, 9, 7), clothLight, true);
            }
            case ROBE -> {
                fill(g, poly(bx - 8, yS - 1, bx + 8, yS - 1, bx, yS + 11), skin, false);
                stroke(g, new Line2D.Double(bx - 10, yS, bx, yS + 12), clothDark, 4);
                stroke(g, new Line2D.Double(bx + 10, yS, bx, yS + 12), clothDark, 4);
                fill(g, new Rectangle2D.Double(bx - shW, yS + 44, 2 * shW, 5), clothDark, false); // sash
            }
            case COAT -> {
                fill(g, poly(bx - 6, yS - 1, bx + 6, yS - 1, bx, yS + 13), new Color(0xF4F4F0), false);
                fill(g, poly(bx - 8, yS - 1, bx - 1, yS + 13, bx - 12, yS + 6), clothDark, true);
                fill(g, poly(bx + 8, yS - 1, bx + 1, yS + 13, bx + 12, yS + 6), clothDark, true);
                for (int i = 0; i < 3; i++) fill(g, ellipse(bx + 7, yS + 18 + 7 * i, 1.3, 1.3), GOLD, false);
            }
            default -> {}
        }
    }

    private void paintHead(Graphics2D g) {
        if (a.headwear() != Headwear.HOOD && a.headwear() != Headwear.HEADSCARF) {
            fill(g, ellipse(cx - rx + 0.5, cy + 3, 3.5, 5.5), skin, true);
            fill(g, ellipse(cx + rx - 0.5, cy + 3, 3.5, 5.5), skin, true);
        }
        fill(g, ellipse(cx, cy, rx, ry), skin, true);
    }

    private void paintFace(Graphics2D g) {
        boolean male = a.isMale();
        boolean child = a.age() == Age.CHILD;
        double shift = facing * 2.5;
        double ey = cy + 1.5;
        Color pupil = new Color(0x2A1E18);
        for (int s = -1; s <= 1; s += 2) {
            double ex = cx + s * eyeGap + shift;
            fill(g, ellipse(ex, ey, eyeW / 2 + 0.3, eyeH / 2 + 0.3), Color.WHITE, false);
            fill(g, ellipse(ex + facing * 0.9, ey + 0.2, eyeH * 0.5, eyeH * 0.55), pupil, false);
            if (!male)
                stroke(
                        g,
                        new Line2D.Double(ex - eyeW / 2 - s * 0.0, ey - eyeH / 2, ex + eyeW / 2, ey - eyeH / 2 - 0.3),
                        pupil,
                        1.2);
            // brows: heavy for men, thin for women
            double by = ey - eyeH / 2 - 3.5;
            stroke(
                    g,
                    new Line2D.Double(ex - eyeW / 2 - 0.5, by + (male ? 0.5 : 0.8), ex + eyeW / 2 + 0.5, by),
                    a.hairStyle() == HairStyle.BALD ? hairDark : mix(hairDark, Color.BLACK, 0.2),
                    male ? 2.2 : 1.0);
        }
        // nose
        stroke(g, new Line2D.Double(cx + shift * 1.2, ey + 3, cx + shift * 1.5 + 1, ey + 7.5), skinShade, 1.3);
        double my = cy + (child ? 10.5 : 12);
        if (!male || child) {
            Color blush = new Color(0xF07878);
            g.setColor(new Color(blush.getRed(), blush.getGreen(), blush.getBlue(), 70));
            g.fill(ellipse(cx - eyeGap - 1 + shift, ey + 6, 3.5, 2.2));
            g.fill(ellipse(cx + eyeGap + 1 + shift, ey + 6, 3.5, 2.2));
        }
        if (!male) {
            fill(g, ellipse(cx + shift, my, mouthW * 0.55 + 0.5, 1.8), new Color(0xC8384C), false); // lips
        } else {
            stroke(
                    g,
                    new Line2D.Double(cx - mouthW / 2 + shift, my, cx + mouthW / 2 + shift, my),
                    new Color(0x7A3A30),
                    1.3);
        }
        if (a.age() == Age.OLD) {
            for (int i = 0; i < 2; i++)
                stroke(g, new Line2D.Double(cx - 6, cy - 12 + 3 * i, cx + 6, cy - 12 + 3 * i), skinShade, 0.8);
            stroke(g, new Line2D.Double(cx - mouthW - 1 + shift, my - 4, cx - mouthW + shift, my + 1), skinShade, 0.8);
            stroke(g, new Line2D.Double(cx + mouthW + 1 + shift, my - 4, cx + mouthW + shift, my + 1), skinShade, 0.8);
        } else if (a.age() == Age.MIDDLE_AGED) {
            stroke(g, new Line2D.Double(cx - 5, cy - 11, cx + 5, cy - 11), skinShade, 0.6);
        }
    }

    private void paintFacialHair(Graphics2D g) {
        double shift = facing * 2.5;
        double my = cy + 12;
        if (a.facialHair() == FacialHair.BEARD) {
            Area beard = new Area(ellipse(cx + shift * 0.4, cy + 7, rx + 0.5, ry - 1));
            beard.intersect(new Area(new Rectangle2D.Double(0, cy + 4, 100, 100)));
            beard.subtract(new Area(ellipse(cx + shift, my + 0.5, mouthW * 0.6 + 1, 2.2)));
            fill(g, beard, hair, true);
        }
        if (a.facialHair() != FacialHair.NONE) {
            fill(g, ellipse(cx - 3 + shift, my - 2, 4.2, 1.9), hair, true);
            fill(g, ellipse(cx + 3 + shift, my - 2, 4.2, 1.9), hair, true);
        }
    }

    private void paintHairFront(Graphics2D g) {
        if (hairHidden()) {
            // a fringe under the hood/scarf/turban keeps the hair colour visible
            if (a.hairStyle() != HairStyle.BALD) {
                Area fringe = new Area(ellipse(cx, cy - 2, rx - 1, ry - 2));
                fringe.intersect(new Area(new Rectangle2D.Double(0, cy - ry, 100, ry * 0.55)));
                fill(g, fringe, hair, false);
            }
            return;
        }
        if (a.hairStyle() == HairStyle.BALD) {
            fill(g, ellipse(cx - rx + 1, cy - 3, 3.5, 7), hair, true);
            fill(g, ellipse(cx + rx - 1, cy - 3, 3.5, 7), hair, true);
            g.setColor(new Color(255, 255, 255, 70));
            g.fill(ellipse(cx - 4, cy - ry + 6, 5, 2.5));
            return;
        }
        boolean male = a.isMale();
        double hairline = cy - ry * (male ? 0.45 : 0.35);
        Area cap = new Area(ellipse(cx, cy - 2, rx + 2, ry + 1.5));
        cap.intersect(new Area(new Rectangle2D.Double(0, 0, 100, hairline)));
        if (!male) {
            // side-swept fringe and locks over the temples
            cap.add(new Area(poly(cx - rx - 2, hairline - 4, cx + 4, hairline - 4, cx - rx + 2, cy + 2)));
            cap.add(new Area(new Rectangle2D.Double(cx + rx - 4, hairline - 4, 6, ry * 0.45 + 4)));
        } else {
            cap.add(new Area(new Rectangle2D.Double(cx - rx - 1, hairline - 2, 4, 10))); // sideburns
            cap.add(new Area(new Rectangle2D.Double(cx + rx - 3, hairline - 2, 4, 10)));
        }
        if (a.hairStyle() == HairStyle.CURLY) {
            for (int i = 0; i < 9; i++) {
                double t = Math.PI * (1.05 + 0.9 * i / 8.0);
                cap.add(new Area(ellipse(cx + Math.cos(t) * (rx + 1), cy - 3 + Math.sin(t) * (ry + 1), 5, 5)));
            }
        }
        fill(g, cap, hair, true);
        if (a.hairStyle() == HairStyle.BRAIDS) {
            for (int s = -1; s <= 1; s += 2) {
                double x = cx + s * (rx + 0.5);
                for (double y = cy - 2; y < yS + 18; y += 5.5) fill(g, ellipse(x, y, 3.6, 3.3), hair, true);
                fill(g, ellipse(x, yS + 20, 2.2, 2.2), accent, false);
            }
        }
        if (a.hairStyle() == HairStyle.LONG && !male) {
            // locks falling in front of the shoulders
            fill(g, new RoundRectangle2D.Double(cx - rx - 5, cy - 4, 6, yS + 14 - cy, 6, 6), hair, true);
            fill(g, new RoundRectangle2D.Double(cx + rx - 1, cy - 4, 6, yS + 14 - cy, 6, 6), hair, true);
        }
    }

    private void paintHeadwear(Graphics2D g) {
        switch (a.headwear()) {
            case CROWN -> {
                double top = cy - ry - 9, base = cy - ry + 4;
                double w = rx * 0.8;
                fill(
                        g,
                        poly(
                                cx - w,
                                base,
                                cx - w,
                                top + 2,
                                cx - w / 2,
                                top + 7,
                                cx,
                                top,
                                cx + w / 2,
                                top + 7,
                                cx + w,
                                top + 2,
                                cx + w,
                                base),
                        GOLD,
                        true);
                fill(g, ellipse(cx, base - 3, 1.8, 1.8), new Color(0xD0202E), false);
            }
            case HAT -> {
                Color felt = mix(cloth, new Color(0x3A2818), 0.6);
                fill(g, new RoundRectangle2D.Double(cx - rx + 2, cy - ry - 12, 2 * rx - 4, 16, 8, 8), felt, true);
                fill(g, new Rectangle2D.Double(cx - rx + 2, cy - ry - 1, 2 * rx - 4, 3), clothLight, false);
                fill(g, ellipse(cx, cy - ry + 4, rx + 11, 3.5), felt, true);
            }
            case HOOD -> {
                // the hood's rim frames the face
                Area rim = new Area(ellipse(cx, cy - 2, rx + 5, ry + 5));
                rim.subtract(new Area(ellipse(cx, cy + 1, rx - 1, ry)));
                rim.intersect(new Area(new Rectangle2D.Double(0, 0, 100, cy + 8)));
                fill(g, rim, cloth, true);
            }
            case TURBAN -> {
                Color cloth2 = a.clothingColour() == Colour.WHITE ? new Color(0xE8DCC0) : new Color(0xF4F0E6);
                fill(g, ellipse(cx, cy - ry + 3, rx + 4, 11), cloth2, true);
                stroke(
                        g,
                        new Line2D.Double(cx - rx, cy - ry + 6, cx + rx - 2, cy - ry - 4),
                        mix(cloth2, Color.BLACK, 0.2),
                        1.2);
                fill(g, ellipse(cx, cy - ry + 1, 2.2, 2.2), accent, false);
            }
            case HEADSCARF -> {
                Area rim = new Area(ellipse(cx, cy + 1, rx + 4, ry + 4));
                rim.subtract(new Area(ellipse(cx, cy + 3, rx - 1.5, ry - 1)));
                // keep the chin free: a dark band under it reads as a beard at 32 px
                rim.intersect(new Area(new Rectangle2D.Double(0, 0, 100, cy + ry * 0.55)));
                fill(g, rim, accent, true);
            }
            default -> {}
        }
    }

    private void paintAccessories(Graphics2D g) {
        switch (a.accessory()) {
            case NECKLACE -> {
                stroke(
                        g,
                        new java.awt.geom.Arc2D.Double(bx - 9, yS - 8, 18, 14, 200, 140, java.awt.geom.Arc2D.OPEN),
                        GOLD,
                        1.6);
                fill(g, ellipse(bx, yS + 6.5, 2, 2), GOLD, false);
            }
            case EARRINGS -> {
                if (a.headwear() != Headwear.HOOD && a.headwear() != Headwear.HEADSCARF) {
                    fill(g, ellipse(cx - rx + 0.5, cy + 9.5, 1.8, 1.8), GOLD, false);
                    fill(g, ellipse(cx + rx - 0.5, cy + 9.5, 1.8, 1.8), GOLD, false);
                }
            }
            case GLASSES -> {
                double shift = facing * 2.5, ey = cy + 1.5;
                for (int s = -1; s <= 1; s += 2)
                    stroke(g, ellipse(cx + s * eyeGap + shift, ey, eyeW / 2 + 1.6, eyeH / 2 + 1.6), line, 1.1);
                stroke(
                        g,
                        new Line2D.Double(
                                cx - eyeGap + eyeW / 2 + 1.6 + shift, ey, cx + eyeGap - eyeW / 2 - 1.6 + shift, ey),
                        line,
                        1.1);
            }
            case SWORD -> {
                double x = bx + shW + 1;
                fill(g, new Rectangle2D.Double(x - 1.8, 22, 3.6, 64), new Color(0xDCE0E8), true);
                fill(g, new Rectangle2D.Double(x - 7, 86, 14, 3.5), GOLD, true);
                fill(g, new Rectangle2D.Double(x - 1.5, 89, 3, 9), new Color(0x5A3A1E), false);
            }
            case SCARF -> {
                fill(g, new RoundRectangle2D.Double(bx - neckW - 5, yS - 5, 2 * neckW + 10, 9, 6, 6), accent, true);
                fill(g, new RoundRectangle2D.Double(bx - shW * 0.55 - 3, yS, 6, 22, 3, 3), accent, true);
            }
            default -> {}
        }
    }

    // ---------------------------------------------------------------- scene helpers

    /** Where the shoulder joint sits in the frame; side −1 is the figure's left on screen. */
    double shoulderX(int side) {
        return bx + side * (shW - 6);
    }

    double shoulderY() {
        return yS + 9;
    }

    /** An arm from the shoulder to a hand at (hx, hy), both in frame units. */
    void paintArm(Graphics2D g, int side, double hx, double hy) {
        Line2D arm = new Line2D.Double(shoulderX(side), shoulderY(), hx, hy);
        if (outlines) stroke(g, arm, line, 11.6);
        stroke(g, arm, a.clothing() == ClothingType.ARMOUR ? METAL : cloth, 9);
        fill(g, ellipse(hx, hy, 4.5, 4.5), skin, true);
    }
}

package lemon.mini.render;

/** What the people of a scene do; handing actions carry the item that is drawn between hands. */
public enum Action {
    STAND_TOGETHER(Layout.SIDE_BY_SIDE, null),
    TALK(Layout.FACING, null),
    ARGUE(Layout.FACING, null),
    LISTEN_SEATED(Layout.ONE_SEATED, null),
    HAND_APPLE(Layout.HANDING, Item.APPLE),
    HAND_BOOK(Layout.HANDING, Item.BOOK),
    HAND_FLOWER(Layout.HANDING, Item.FLOWER),
    HAND_LETTER(Layout.HANDING, Item.LETTER),
    HAND_CUP(Layout.HANDING, Item.CUP);

    /** Things that can change hands; the phrase is what captions call them. */
    public enum Item {
        APPLE("a red apple"),
        BOOK("a brown book"),
        FLOWER("a yellow flower"),
        LETTER("a sealed letter"),
        CUP("a golden cup");
        public final String phrase;

        Item(String phrase) {
            this.phrase = phrase;
        }
    }

    private final Layout layout;
    private final Item item;

    Action(Layout layout, Item item) {
        this.layout = layout;
        this.item = item;
    }

    /** The layout this action is normally drawn with. */
    public Layout defaultLayout() {
        return layout;
    }

    /** The handed item, or null. */
    public Item item() {
        return item;
    }
}

package lemon.mini.render;

/** How the people of a scene are arranged. */
public enum Layout {
    /** Everyone faces the viewer. */
    SIDE_BY_SIDE,
    /** Neighbours turn towards each other. */
    FACING,
    /** The first person reaches out and gives the action's item to the second. */
    HANDING,
    /** The first person sits on a chair, the others stand and face them. */
    ONE_SEATED
}

package lemon.cost;

/** A run whose cost so far reached its budget: the next stage does not start, what was made is kept. */
public final class OverBudget extends RuntimeException {
    public OverBudget(String message) {
        super(message);
    }
}

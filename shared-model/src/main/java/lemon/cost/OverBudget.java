package lemon.cost;

/**
 * A run whose cost so far reached its budget, or whose tenant's runs this month reached the tenant's
 * monthly cap: the next stage does not start, what was made is kept. The message says which cap.
 */
public final class OverBudget extends RuntimeException {
    public OverBudget(String message) {
        super(message);
    }
}

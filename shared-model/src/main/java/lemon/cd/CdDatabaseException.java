package lemon.cd;

import java.util.List;

/** A C.D. database file that cannot be used; the message lists every bad row. */
public class CdDatabaseException extends RuntimeException {
    private final List<String> problems;

    public CdDatabaseException(String source, List<String> problems) {
        super(problems.size() + " problem(s) in C.D. database " + source + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each starting with "file line N:". */
    public List<String> problems() {
        return problems;
    }
}

package lemon.run;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a run id may be. A run id is the first segment of every key of its run, so it is checked
 * before anything is stored (the CLI does it before the upload is written), with one message for
 * every way to get it wrong, and it may not name a top-level area of the store that is not a run.
 */
public final class RunIds {
    /** Where uploads are kept: {@code uploads/<sha>/<file>}. */
    public static final String UPLOADS = "uploads";

    /** Where the tenants' uploads and runs are kept: {@code tenants/<tenant>/} (lemon.upload.UploadSlot). */
    public static final String TENANTS = "tenants";

    /**
     * Every top-level area of a store that is not a run. A new area must be added here, or a run
     * could be created inside it. Compared ignoring case: on macOS and Windows "Uploads" is the same
     * folder.
     */
    public static final List<String> RESERVED = List.of(UPLOADS, TENANTS);

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {}

    public static boolean valid(String runId) {
        return runId != null && FORM.matcher(runId).matches() && !RESERVED.contains(runId.toLowerCase(Locale.ROOT));
    }

    /** @return {@code runId} when it is valid; otherwise the one message for every bad id */
    public static String check(String runId) {
        if (!valid(runId)) {
            throw new InvalidRunIdException(runId);
        }
        return runId;
    }

    /** A fresh id, sortable by creation time: {@code 20261201-120000-3fa2c1}. */
    public static String generate(Clock clock) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** The id as a message can show it: quoted, control characters escaped, long ones cut and counted. */
    static String shown(String runId) {
        if (runId == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("'");
        runId.codePoints().limit(MAX_LENGTH + 6).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        if (runId.codePointCount(0, runId.length()) > MAX_LENGTH + 6) {
            b.append("…");
        }
        b.append('\'');
        return runId.length() > MAX_LENGTH ? b + " (" + runId.length() + " characters)" : b.toString();
    }

    /** A run id that breaks the rule; the message states the whole rule. */
    public static final class InvalidRunIdException extends IllegalArgumentException {
        public InvalidRunIdException(String runId) {
            super("run id " + shown(runId) + " is not valid: use 1-" + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit, and not "
                    + String.join(" or ", RESERVED) + " (the store keeps its own files there)");
        }
    }
}

package lemon.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validates an uploaded story (plain text or Markdown) and normalises it. Checks run cheapest
 * first and each failure names the rule and the numbers involved, so a user knows what to fix.
 */
public final class StoryIngest {
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;
    public static final int DEFAULT_MIN_WORDS = 50;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern MD_HEADING = Pattern.compile("(?m)^#{1,6}\\s+");
    private static final Pattern MD_LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern MD_EMPHASIS = Pattern.compile("(\\*{1,3}|_{2,3})(\\S[^*_\\n]*?\\S|\\S)\\1");
    private static final Pattern MD_UNDERSCORE = Pattern.compile("(?<![\\w])_([^_\\n]+)_(?![\\w])");
    private static final Pattern MD_FENCE = Pattern.compile("(?m)^```.*$");
    private static final Pattern MD_RULE = Pattern.compile("(?m)^\\s*([-*_]\\s*){3,}$");
    private static final Pattern MD_QUOTE_OR_BULLET = Pattern.compile("(?m)^\\s*(>+|[-*+]|\\d+\\.)\\s+");

    private final long maxBytes;
    private final int minWords;

    public StoryIngest(long maxBytes, int minWords) {
        if (maxBytes <= 0 || minWords < 1) {
            throw new IllegalArgumentException("maxBytes must be > 0 and minWords >= 1");
        }
        this.maxBytes = maxBytes;
        this.minWords = minWords;
    }

    public StoryIngest() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MIN_WORDS);
    }

    public IngestedStory ingest(String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw new StoryRejectedException(StoryRejectedException.Reason.EMPTY, fileName + " is empty (0 bytes)");
        }
        if (bytes.length > maxBytes) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.TOO_LARGE,
                    "%s is %s, larger than the %s cap (lemon.ingest.max-bytes)"
                            .formatted(fileName, humanBytes(bytes.length), humanBytes(maxBytes)));
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.BINARY,
                    "%s looks binary (NUL byte at offset %d); upload a UTF-8 text or Markdown file"
                            .formatted(fileName, nul));
        }
        String raw = decodeUtf8(fileName, bytes);
        if (raw.startsWith("\uFEFF")) {
            raw = raw.substring(1);
        }
        int controls = countControlChars(raw);
        if (controls > Math.max(8, raw.length() / 100)) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.BINARY,
                    "%s looks binary (%d control characters); upload a UTF-8 text or Markdown file"
                            .formatted(fileName, controls));
        }
        if (raw.isBlank()) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.EMPTY, fileName + " contains only whitespace");
        }
        boolean markdown = fileName.endsWith(".md") || fileName.endsWith(".markdown");
        String title = titleOf(raw, fileName);
        String text = normalise(raw, markdown);
        int words = countWords(text);
        if (words < minWords) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.TOO_SHORT,
                    "%s has %d words; a story needs at least %d".formatted(fileName, words, minWords));
        }
        List<String> warnings = new ArrayList<>();
        if (controls > 0) {
            warnings.add(controls + " control characters were removed");
        }
        return new IngestedStory(title, text, words, bytes.length, sha256(bytes), warnings);
    }

    public static int countWords(String text) {
        var m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decodeUtf8(String fileName, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the first bad byte: report it, it is usually a Latin-1 accent
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.NOT_UTF8,
                    "%s is not valid UTF-8 (bad byte 0x%02X at offset %d); save it as UTF-8"
                            .formatted(fileName, bytes[in.position()] & 0xff, in.position()));
        }
    }

    private static String normalise(String raw, boolean markdown) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        text = text.chars()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (markdown) {
            text = MD_FENCE.matcher(text).replaceAll("");
            text = MD_RULE.matcher(text).replaceAll("");
            text = MD_HEADING.matcher(text).replaceAll("");
            text = MD_LINK.matcher(text).replaceAll("$1");
            text = MD_EMPHASIS.matcher(text).replaceAll("$2");
            text = MD_UNDERSCORE.matcher(text).replaceAll("$1");
            text = MD_QUOTE_OR_BULLET.matcher(text).replaceAll("");
        }
        // trailing spaces and runs of blank lines carry no meaning
        text = text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
        return text + "\n";
    }

    /** A Markdown heading, else a short first line, else the file name without extension. */
    private static String titleOf(String raw, String fileName) {
        for (String line : raw.strip().split("\\R", 4)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                return t.replaceFirst("^#+\\s*", "").strip();
            }
            if (!t.isEmpty() && t.length() <= 80 && !t.endsWith(".") && countWords(t) <= 10) {
                return t;
            }
            break;
        }
        String base = fileName.replaceAll(".*[/\\\\]", "").replaceFirst("\\.[^.]+$", "");
        String spaced = base.replace('-', ' ').replace('_', ' ').strip();
        return spaced.isEmpty() ? "Untitled story" : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static int countControlChars(String s) {
        return (int) s.chars()
                .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                .count();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String humanBytes(long n) {
        if (n >= 1024 * 1024) {
            return "%.1f MB".formatted(n / (1024.0 * 1024.0));
        }
        if (n >= 1024) {
            return "%.1f KB".formatted(n / 1024.0);
        }
        return n + " bytes";
    }
}

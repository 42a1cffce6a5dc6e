package lemon.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
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
    // [ \t], not \s: \s would swallow the blank lines before a rule or bullet and merge two paragraphs
    private static final Pattern MD_RULE = Pattern.compile("(?m)^[ \\t]*([-*_][ \\t]*){3,}$");
    private static final Pattern MD_QUOTE_OR_BULLET = Pattern.compile("(?m)^[ \\t]*(>+|[-*+]|\\d+\\.)[ \\t]+");

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
            throw tooLarge(fileName, bytes.length);
        }
        Decoded decoded = decode(fileName, bytes);
        String raw = decoded.text();
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
        CodeBlocks.Stripped prose = CodeBlocks.strip(raw, markdown);
        String title = titleOf(prose.text(), fileName);
        String text = normalise(prose.text(), markdown);
        int words = countWords(text);
        if (words < minWords) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.TOO_SHORT,
                    "%s has %d words%s; a story needs at least %d"
                            .formatted(fileName, words, prose.blocks() > 0 ? " outside code blocks" : "", minWords));
        }
        List<String> warnings = new ArrayList<>();
        if (decoded.charset() != StandardCharsets.UTF_8) {
            warnings.add("decoded from " + decoded.charset().name() + " (byte-order mark); stored as UTF-8");
        }
        if (prose.blocks() > 0) {
            warnings.add(prose.blocks() + " code block" + (prose.blocks() == 1 ? " was" : "s were")
                    + " left out: code is not story text");
        }
        if (controls > 0) {
            warnings.add(controls + " control characters were removed");
        }
        return new IngestedStory(title, text, words, bytes.length, sha256(bytes), warnings);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads an upload through a bounded stream: at most the cap plus one byte is ever read, so a
     * file of any size is rejected in the time it takes to read the cap, and memory holds no more.
     *
     * @param size the size the source declares (a file's length), or -1 when unknown; a source
     *     declaring more than the cap is rejected before a byte is read
     */
    public byte[] read(String fileName, InputStream in, long size) throws IOException {
        if (size > maxBytes) {
            throw tooLarge(fileName, size);
        }
        byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (bytes.length > maxBytes) { // it grew, or did not say
            throw tooLarge(fileName, -1);
        }
        return bytes;
    }

    /** The rejection of an upload over the cap; {@code size} -1 when only "more than the cap" is known. */
    public StoryRejectedException tooLarge(String fileName, long size) {
        return new StoryRejectedException(
                StoryRejectedException.Reason.TOO_LARGE,
                size > maxBytes
                        ? "%s is %s, larger than the %s cap (lemon.ingest.max-bytes)"
                                .formatted(fileName, humanBytes(size), humanBytes(maxBytes))
                        : "%s is larger than the %s cap (lemon.ingest.max-bytes)"
                                .formatted(fileName, humanBytes(maxBytes)));
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

    private record Decoded(String text, Charset charset) {}

    /**
     * UTF-8, with or without a byte-order mark, or UTF-16 with one (what Windows editors save as
     * "Unicode"). Without a BOM, NUL bytes mean binary data, or UTF-16 that cannot be told apart from
     * it safely: the message says which and how to convert.
     */
    private static Decoded decode(String fileName, byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE, 0, 0) || startsWith(bytes, 0, 0, 0xFE, 0xFF)) {
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.NOT_UTF8,
                    "%s is UTF-32 text; save it as UTF-8 (e.g. iconv -f UTF-32 -t UTF-8 %s > story.txt)"
                            .formatted(fileName, fileName));
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new Decoded(decodeStrict(fileName, bytes, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new Decoded(decodeStrict(fileName, bytes, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
        }
        int nul = indexOf(bytes, (byte) 0);
        if (nul >= 0) {
            String utf16 = utf16WithoutBom(bytes);
            if (utf16 != null) {
                throw new StoryRejectedException(
                        StoryRejectedException.Reason.NOT_UTF8,
                        ("%s looks like %s text without a byte-order mark; save it as UTF-8 (e.g. iconv -f %s -t UTF-8"
                                        + " %s > story.txt), or as UTF-16 with a BOM")
                                .formatted(fileName, utf16, utf16, fileName));
            }
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.BINARY,
                    "%s looks binary (NUL byte at offset %d); upload a UTF-8 text or Markdown file"
                            .formatted(fileName, nul));
        }
        int skip = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        return new Decoded(decodeStrict(fileName, bytes, skip, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** "UTF-16LE" or "UTF-16BE" when NULs sit on one byte of each pair, as in mostly-ASCII UTF-16; else null. */
    private static String utf16WithoutBom(byte[] bytes) {
        int n = Math.min(bytes.length & ~1, 4096);
        int even = 0;
        int odd = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                if (i % 2 == 0) even++;
                else odd++;
            }
        }
        int pairs = n / 2;
        if (odd > pairs * 0.6 && even == 0) return "UTF-16LE";
        if (even > pairs * 0.6 && odd == 0) return "UTF-16BE";
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }

    private static String decodeStrict(String fileName, byte[] bytes, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the first bad byte: report it, in UTF-8 it is usually a Latin-1 accent
            int at = Math.min(in.position(), bytes.length - 1);
            throw new StoryRejectedException(
                    StoryRejectedException.Reason.NOT_UTF8,
                    "%s is not valid %s (bad byte 0x%02X at offset %d); save it as UTF-8"
                            .formatted(fileName, charset.name(), bytes[at] & 0xff, at));
        }
    }

    private static String normalise(String raw, boolean markdown) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        text = text.chars()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (markdown) {
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
        if (n >= 1024L * 1024 * 1024) {
            return "%.1f GB".formatted(n / (1024.0 * 1024.0 * 1024.0));
        }
        if (n >= 1024 * 1024) {
            return "%.1f MB".formatted(n / (1024.0 * 1024.0));
        }
        if (n >= 1024) {
            return "%.1f KB".formatted(n / 1024.0);
        }
        return n + " bytes";
    }
}

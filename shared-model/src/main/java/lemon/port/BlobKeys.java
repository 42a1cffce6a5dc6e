package lemon.port;

/** Key rules shared by every BlobStore, so a key that works on disk also works on S3 and back. */
public final class BlobKeys {
    private BlobKeys() {}

    /** Segments starting with this are the file store's temporary files; no key may use it. */
    public static final String TEMP_PREFIX = ".lemon-tmp-";

    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Blob key is empty");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("Blob key '" + key + "' must be relative, not start with '/'");
        }
        if (key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("Blob key '" + key + "' must use '/', not '\\'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("Blob key '" + key + "' has an empty segment");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("Blob key '" + key + "' must not contain '" + segment + "'");
            }
            if (segment.startsWith(TEMP_PREFIX)) {
                throw new IllegalArgumentException("Blob key '" + key + "' uses the reserved prefix " + TEMP_PREFIX);
            }
        }
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Blob key must not contain NUL");
        }
        return key;
    }

    /** Prefixes may end in '/' or be empty, but must not escape the store either. */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("Prefix is null");
        }
        if (!prefix.isEmpty()) {
            String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            check(body);
        }
        return prefix;
    }
}

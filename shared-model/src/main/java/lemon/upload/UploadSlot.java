package lemon.upload;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where one story may be uploaded straight to the store, and what it may be: a key of its own
 * under the tenant's uploads ({@code uploads/<tenant>/<id>/<file>}), a text or Markdown
 * content type, at most the ingest cap in bytes. The presigned form is signed for exactly this, so
 * a browser cannot write elsewhere, another type or a bigger file; the run that the upload starts
 * is refused by the same checks as the CLI's if the content is not a story.
 */
public record UploadSlot(String tenant, String key, String fileName, String contentType, long maxBytes) {
    /** Lower-case letters, digits and inner hyphens, 1 to 40: safe in keys, bucket policies and execution names. */
    static final Pattern TENANT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");

    static final int MAX_FILE_NAME = 100;

    /** The types a story may be uploaded as, by file extension. */
    static final Map<String, String> TYPES = Map.of(".txt", "text/plain", ".md", "text/markdown");

    public static final String TENANTS = lemon.run.RunIds.TENANTS + "/";

    /** A tenant's folder of the store, {@code tenants/<tenant>/}: its uploads and its runs. */
    public static String folderOf(String tenant) {
        return TENANTS + checkTenant(tenant) + "/";
    }

    /**
     * The folder of a tenant's uploads, relative to the store root: apart from its runs, so that one
     * prefix ({@code uploads/}) holds every upload and nothing a run writes (the bucket's notification
     * and expiry rule), and seen as {@code uploads/} in the tenant's view ({@link lemon.port.TenantBlobStore}).
     */
    public static String uploadsOf(String tenant) {
        return lemon.port.TenantBlobStore.UPLOADS + checkTenant(tenant) + "/";
    }

    /**
     * A fresh slot for {@code fileName} (its folder's name is a random id, so two uploads of one
     * file never meet); a bad tenant, name or type is refused with what is allowed.
     */
    public static UploadSlot open(String tenant, String fileName, long maxBytes) {
        return open(tenant, fileName, maxBytes, UUID.randomUUID().toString());
    }

    static UploadSlot open(String tenant, String fileName, long maxBytes, String id) {
        if (maxBytes < 1)
            throw new IllegalArgumentException("the upload cap must be at least one byte, got " + maxBytes);
        String name = checkFileName(fileName);
        String type = TYPES.get(extension(name));
        return new UploadSlot(tenant, uploadsOf(tenant) + id + "/" + name, name, type, maxBytes);
    }

    /** The tenant id, or an IllegalArgumentException saying what a tenant id is. */
    public static String checkTenant(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException(
                    "tenant '" + tenant + "' is not a tenant id: 1 to 40 lower-case letters, digits and inner hyphens");
        }
        return tenant;
    }

    static String checkFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("the upload needs a file name (story.txt or story.md)");
        }
        String name = fileName.strip();
        if (name.length() > MAX_FILE_NAME || !name.matches("[A-Za-z0-9][A-Za-z0-9._ -]*") || name.contains("..")) {
            throw new IllegalArgumentException("file name '" + fileName + "' is not allowed: up to " + MAX_FILE_NAME
                    + " letters, digits, spaces, dots, hyphens and underscores, no folders");
        }
        if (!TYPES.containsKey(extension(name))) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a story file: upload text as .txt or Markdown as .md (UTF-8)");
        }
        return name;
    }

    /** Whether a file name has a story's extension (.txt, .md); a failure record beside an upload has not. */
    public static boolean isStoryFile(String name) {
        return TYPES.containsKey(extension(name));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }
}

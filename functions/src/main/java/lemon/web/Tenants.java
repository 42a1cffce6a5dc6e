package lemon.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import lemon.run.RunViews;
import lemon.upload.UploadSlot;

/**
 * Who a request of the web app is. Without tokens (the default, one person on one machine) the
 * tenant is the name the request gives ({@code X-Lemon-Tenant}, or the page's {@code lemon-tenant}
 * cookie), {@value #DEFAULT} when none. With {@code lemon.web.tokens} set ({@code token=tenant,…})
 * only a known token counts ({@code Authorization: Bearer …}, or the page's {@code lemon-token}
 * cookie) and a name given beside it is ignored, so a tenant cannot read another's runs by naming it.
 */
public final class Tenants {
    static final String DEFAULT = "local";

    private final Map<String, String> tenantOfToken;

    private Tenants(Map<String, String> tenantOfToken) {
        this.tenantOfToken = Map.copyOf(tenantOfToken);
    }

    /** From {@code lemon.web.tokens}: blank for none; a malformed entry or tenant id is an error naming it. */
    public static Tenants parse(String tokens) {
        Map<String, String> map = new HashMap<>();
        if (tokens != null && !tokens.isBlank()) {
            for (String entry : tokens.split(",")) {
                int eq = entry.indexOf('=');
                String token = eq < 0 ? "" : entry.substring(0, eq).strip(),
                        tenant = eq < 0 ? "" : entry.substring(eq + 1).strip();
                if (token.length() < 16)
                    throw new IllegalArgumentException(
                            "lemon.web.tokens: each entry is token=tenant with a token of at "
                                    + "least 16 characters; got an entry of "
                                    + entry.strip().length() + " characters");
                UploadSlot.checkTenant(tenant);
                if (map.put(token, tenant) != null)
                    throw new IllegalArgumentException("lemon.web.tokens: a token is given twice");
            }
        }
        return new Tenants(map);
    }

    public boolean needTokens() {
        return !tenantOfToken.isEmpty();
    }

    /**
     * The request's tenant. {@code authorization} is the Authorization header, the others the
     * header and cookie values (null when absent).
     */
    public String resolve(String authorization, String tokenCookie, String tenantHeader, String tenantCookie) {
        if (needTokens()) {
            String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).strip()
                    : tokenCookie;
            String tenant = token == null ? null : tenantOfToken.get(token);
            if (tenant == null)
                throw new RunViews.Refused(
                        401,
                        token == null
                                ? "this server needs a token: Authorization: Bearer <token> (the page: its Token field)"
                                : "unknown token");
            return tenant;
        }
        String t = tenantHeader != null && !tenantHeader.isBlank() ? tenantHeader : tenantCookie;
        if (t == null || t.isBlank()) return DEFAULT;
        try {
            return UploadSlot.checkTenant(t.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RunViews.Refused(400, e.getMessage());
        }
    }
}

package lemon.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import lemon.run.RunViews;
import lemon.upload.DeployedRuns;

/**
 * The runs API as the deployment serves it behind its JWT authoriser: {@code GET /runs},
 * {@code GET /runs/{runId}}, {@code POST /runs/{runId}/stop}, {@code POST /runs/{runId}/resume},
 * {@code POST /runs/{runId}/zip}, {@code DELETE /runs/{runId}}. The tenant is the one the caller's
 * verified token names; every answer is JSON, a refusal {@code {"status":"refused","message":…}}.
 */
public final class DeployedRunsApi {
    private final DeployedRuns runs;
    private final String claim;

    /** @param claim the token claim that names the caller's tenant, for the message when it is missing */
    public DeployedRunsApi(DeployedRuns runs, String claim) {
        this.runs = runs;
        this.claim = claim;
    }

    public Answer answer(String tenant, String method, String path) {
        if (tenant == null || tenant.isBlank()) {
            return refused(
                    401,
                    "the caller's token names no tenant (claim '" + claim
                            + "'): ask the identity provider's administrator to set it");
        }
        String[] parts = (path == null ? "" : path.replaceAll("^/+|/+$", "")).split("/");
        try {
            if (!parts[0].equals("runs") || parts.length > 3) return refused(404, "no such resource: " + path);
            if (parts.length == 1) {
                return method.equals("GET") ? ok(runs.list(tenant)) : notAllowed(method, path);
            }
            String runId = parts[1];
            if (parts.length == 2) {
                return switch (method) {
                    case "GET" -> ok(runs.view(tenant, runId));
                    case "DELETE" -> {
                        runs.delete(tenant, runId);
                        yield ok(Map.of("status", "deleted", "runId", runId));
                    }
                    default -> notAllowed(method, path);
                };
            }
            if (!method.equals("POST")) return notAllowed(method, path);
            return switch (parts[2]) {
                case "stop" -> {
                    runs.stop(tenant, runId);
                    yield ok(Map.of("status", "stopping", "runId", runId));
                }
                case "resume" ->
                    ok(Map.of("status", "resumed", "runId", runId, "execution", runs.resume(tenant, runId)));
                case "zip" -> ok(Map.of("status", "ready", "runId", runId, "url", runs.zip(tenant, runId)));
                default -> refused(404, "no such resource: " + path);
            };
        } catch (RunViews.Refused r) {
            return refused(r.status, r.getMessage());
        }
    }

    /** An HTTP status and a JSON body. */
    public record Answer(int status, String body) {}

    private static Answer notAllowed(String method, String path) {
        return refused(405, method + " is not allowed on " + path);
    }

    private static Answer ok(Object value) {
        return new Answer(200, json(value));
    }

    private static Answer refused(int status, String why) {
        return new Answer(status, json(Map.of("status", "refused", "message", why)));
    }

    private static String json(Object value) {
        try {
            return UploadApi.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

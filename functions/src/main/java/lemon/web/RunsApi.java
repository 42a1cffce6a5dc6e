package lemon.web;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import lemon.functions.PipelineProvider;
import lemon.run.Json;
import lemon.run.RunLines;
import lemon.run.RunOptions;
import lemon.run.RunViews;
import lemon.story.CastCorrections;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web app's API (the page is one client; curl is another): start a run from a story's bytes,
 * follow its progress, list, resume, stop and delete runs, read a run's files or all of them as a
 * zip. Who asks is a tenant ({@link Tenants}: a name, or a token where {@code lemon.web.tokens} is
 * set); every answer comes from that tenant's runs only.
 */
@Path("/api")
@Tag(name = "runs")
public class RunsApi {
    @Inject
    WebRuns runs;

    @Inject
    PipelineProvider configured;

    private final Tenants tenants;

    @Inject
    public RunsApi(@ConfigProperty(name = "lemon.web.tokens", defaultValue = " ") String tokens) {
        this.tenants = Tenants.parse(tokens);
    }

    /** The upload limits the page checks before sending (the server checks again). */
    public record Limits(
            long maxBytes, int minWords, List<String> types, String llm, boolean tokens, List<String> examples) {}

    public record Started(String runId) {}

    @GET
    @Path("/limits")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload limits (largest story in bytes, fewest words, file types) and the LLM runs use")
    public Limits limits() {
        var s = configured.settings();
        return new Limits(
                s.maxBytes(),
                s.minWords(),
                List.of(".txt", ".md"),
                lemon.llm.RunLlm.of(s.llm()).describe(),
                tenants.needTokens(),
                lemon.cli.Examples.NAMES);
    }

    @POST
    @Path("/runs")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN, "text/markdown"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a run",
            description =
                    "The body is the story file's bytes as they are (UTF-8 text or Markdown); fileName's extension "
                            + "says which. Checked as the CLI checks it: a refused story (empty, binary, not UTF-8, over the cap, "
                            + "too short) is a 400 with why, and nothing is stored.")
    public Response start(
            @Context HttpHeaders headers,
            @QueryParam("fileName") @DefaultValue("story.txt") String fileName,
            @QueryParam("scenes") @DefaultValue("30") int scenes,
            @QueryParam("portraits") @DefaultValue("5") int portraits,
            @QueryParam("seedsPerScene") @DefaultValue("2") int seedsPerScene,
            @QueryParam("iterations") @DefaultValue("3") int iterations,
            @QueryParam("topK") @DefaultValue("3") int topK,
            @QueryParam("style") @DefaultValue("") String style,
            @QueryParam("budget") Double budget,
            @QueryParam("example") String example,
            java.io.InputStream body)
            throws java.io.IOException {
        RunOptions options;
        try {
            if (portraits < 1) throw new IllegalArgumentException("portraits must be at least 1, got " + portraits);
            if (seedsPerScene < 1)
                throw new IllegalArgumentException("seeds per scene must be at least 1, got " + seedsPerScene);
            options = new RunOptions(scenes, topK, portraits, seedsPerScene, iterations, style, CastCorrections.NONE)
                    .withBudget(budget);
        } catch (IllegalArgumentException e) {
            throw new RunViews.Refused(400, e.getMessage());
        }
        if (example != null && !example.isBlank()) {
            // a bundled story: the page's "try an example", no upload needed
            byte[] bundled;
            try {
                bundled = lemon.cli.Examples.read(example);
            } catch (IllegalArgumentException unknown) {
                throw new RunViews.Refused(400, unknown.getMessage());
            }
            String id = runs.start(tenant(headers), example + ".md", bundled, options);
            return Response.accepted(new Started(id)).build();
        }
        // bounded as the CLI reads a file: a declared or read size over the cap is refused, at most cap + 1 bytes read
        String length = headers.getHeaderString("Content-Length");
        byte[] bytes;
        try {
            bytes = new lemon.ingest.StoryIngest(
                            configured.settings().maxBytes(),
                            configured.settings().minWords())
                    .read(
                            fileName,
                            body == null ? java.io.InputStream.nullInputStream() : body,
                            length != null && length.matches("\\d{1,18}") ? Long.parseLong(length) : -1);
        } catch (lemon.ingest.StoryRejectedException tooLarge) {
            throw new RunViews.Refused(400, tooLarge.getMessage());
        }
        String id = runs.start(tenant(headers), fileName, bytes, options);
        return Response.accepted(new Started(id)).build();
    }

    @GET
    @Path("/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's runs, newest first")
    public List<RunViews.RunView> list(@Context HttpHeaders headers) {
        return runs.list(tenant(headers));
    }

    @GET
    @Path("/runs/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One run: state, stages with their times, cost, files")
    public RunViews.RunView run(@Context HttpHeaders headers, @PathParam("runId") String runId) {
        return runs.view(tenant(headers), runId);
    }

    @GET
    @Path("/runs/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(
            summary = "The run's progress lines as server-sent events",
            description =
                    "Every line kept since the given one (after, or the Last-Event-ID a reconnecting browser sends), "
                            + "then each new one; each event's data is {seq, text, last}; the stream ends after the last.")
    public Multi<OutboundSseEvent> events(
            @Context HttpHeaders headers,
            @PathParam("runId") String runId,
            @QueryParam("after") @DefaultValue("0") long after,
            @HeaderParam("Last-Event-ID") Long lastEventId,
            @Context Sse sse) {
        RunLines lines = runs.lines(tenant(headers), runId); // an unknown run is a 404 before the stream starts
        long from = lastEventId != null ? Math.max(after, lastEventId) : after;
        return Multi.createFrom().emitter(emitter -> {
            AutoCloseable following = lines.follow(from, line -> {
                emitter.emit(sse.newEventBuilder()
                        .id(Long.toString(line.seq()))
                        .data(json(line))
                        .build());
                if (line.last()) emitter.complete();
            });
            emitter.onTermination(() -> {
                try {
                    following.close();
                } catch (Exception ignored) {
                    // removing a listener cannot fail
                }
            });
        });
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private static String json(Object value) {
        try {
            return COMPACT.writeValueAsString(value); // one data: line per event
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @POST
    @Path("/runs/{runId}/resume")
    @Operation(summary = "Continue a failed, stopped or interrupted run from its last completed stage")
    public Response resume(@Context HttpHeaders headers, @PathParam("runId") String runId) {
        runs.resume(tenant(headers), runId);
        return Response.accepted().build();
    }

    @POST
    @Path("/runs/{runId}/cancel")
    @Operation(summary = "Stop a run: a queued one never starts, a running one stops after its current stage")
    public Response cancel(@Context HttpHeaders headers, @PathParam("runId") String runId) {
        runs.cancel(tenant(headers), runId);
        return Response.accepted().build();
    }

    @DELETE
    @Path("/runs/{runId}")
    @Operation(summary = "Delete a run and every file it made")
    public Response delete(@Context HttpHeaders headers, @PathParam("runId") String runId) {
        runs.delete(tenant(headers), runId);
        return Response.noContent().build();
    }

    @GET
    @Path("/runs/{runId}/files/{path: .+}")
    @Operation(summary = "One file of a run (storyboard.html, report.html, a portrait…)")
    public Response file(
            @Context HttpHeaders headers, @PathParam("runId") String runId, @PathParam("path") String path) {
        byte[] bytes = runs.file(tenant(headers), runId, path);
        return Response.ok(bytes, typeOf(path)).build();
    }

    @GET
    @Path("/runs/{runId}/zip")
    @Produces("application/zip")
    @Operation(summary = "Every file of a run as one zip")
    public Response zip(@Context HttpHeaders headers, @PathParam("runId") String runId) {
        StreamingOutput body = runs.zip(tenant(headers), runId)::writeTo; // an unknown run: a 404, nothing sent
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + runId + ".zip\"")
                .build();
    }

    /** The request's tenant ({@link Tenants}): a 400 for a malformed name, a 401 without a known token where tokens are set. */
    String tenant(HttpHeaders headers) {
        var cookies = headers.getCookies();
        return tenants.resolve(
                headers.getHeaderString("Authorization"),
                cookies.containsKey("lemon-token") ? cookies.get("lemon-token").getValue() : null,
                headers.getHeaderString("X-Lemon-Tenant"),
                cookies.containsKey("lemon-tenant")
                        ? cookies.get("lemon-tenant").getValue()
                        : null);
    }

    static String typeOf(String path) {
        return lemon.run.RunViews.contentType(path);
    }

    /**
     * An upload with an empty body is refused before the body is read: Quarkus REST waits for a
     * body that never comes when Content-Length is 0 (RestAssured and curl --data-binary "" send it).
     */
    @org.jboss.resteasy.reactive.server.ServerRequestFilter(preMatching = true)
    public java.util.Optional<Response> refuseEmptyUploads(jakarta.ws.rs.container.ContainerRequestContext request) {
        if (request.getMethod().equals("POST")
                && request.getUriInfo().getPath().equals("/api/runs")
                && "0".equals(request.getHeaderString("Content-Length"))
                && request.getUriInfo().getQueryParameters().getFirst("example") == null) {
            String name = request.getUriInfo().getQueryParameters().getFirst("fileName");
            return java.util.Optional.of(new RefusedMapper()
                    .toResponse(
                            new RunViews.Refused(400, (name == null ? "story.txt" : name) + " is empty (0 bytes)")));
        }
        return java.util.Optional.empty();
    }

    /** A story posted as a form (curl --data-binary without a type) is told which types the API takes. */
    @Provider
    public static class UnsupportedTypeMapper implements ExceptionMapper<jakarta.ws.rs.NotSupportedException> {
        @Override
        public Response toResponse(jakarta.ws.rs.NotSupportedException e) {
            return new RefusedMapper()
                    .toResponse(
                            new RunViews.Refused(
                                    415,
                                    "post the story's bytes as the body with Content-Type application/octet-stream, text/plain "
                                            + "or text/markdown (curl: -H 'Content-Type: text/plain' --data-binary @story.txt)"));
        }
    }

    /** A refusal as its status with {"error": why}. */
    @Provider
    public static class RefusedMapper implements ExceptionMapper<RunViews.Refused> {
        @Override
        public Response toResponse(RunViews.Refused e) {
            return Response.status(e.status)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Json.MAPPER
                            .createObjectNode()
                            .put("error", e.getMessage())
                            .toString())
                    .build();
        }
    }
}

package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.SdkDirectory;
import dev.aicon.gateway.service.SdkImport;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * {@code POST /v1/admin/sdk-import}: imports every SDK state file directly in a directory of the gateway's machine
 * ({@code {"dir": "..."}}), only under {@code aicon.sdk.import-root}; same answer as an upload ({@link SdkReport}).
 */
@Path("/v1/admin/sdk-import")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class SdkAdminResource {

    private final SdkDirectory directories;
    private final SdkImport imports;
    private final JsonBodies bodies;
    private final SdkReport report;
    private final CurrentCaller caller;

    SdkAdminResource(
            SdkDirectory directories, SdkImport imports, JsonBodies bodies, SdkReport report, CurrentCaller caller) {
        this.caller = caller;
        this.directories = directories;
        this.imports = imports;
        this.bodies = bodies;
        this.report = report;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ObjectNode> importDirectory(
            @RequestBody(
                            description = "{\"dir\": \"<a directory under aicon.sdk.import-root>\"}",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            UriInfo uri) {
        JsonNode dir = bodies.object(body).get("dir");
        if (dir == null || !dir.isTextual() || dir.asText().isBlank()) {
            throw RequestRejected.malformed("the body must be {\"dir\": \"<directory on the gateway's machine>\"}");
        }
        TenantId tenant = caller.tenant();
        return directories
                .files(dir.asText())
                .chain(files -> imports.importAll(tenant, dir.asText(), files))
                .map(outcomes -> report.of(outcomes, uri.getPath()));
    }
}

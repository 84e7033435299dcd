package dev.aicon.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.SdkFile;
import dev.aicon.gateway.service.SdkImport;
import dev.aicon.gateway.work.BlockingWork;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/**
 * {@code POST /v1/aicons:importSdk}: imports the AIcon SDK's state files sent as {@code multipart/form-data} file
 * parts (any part name; the file name decides: {@code <id>.json} a document, {@code <id>.pkl} a brain). The parts
 * arrive as files on disk, bounded by {@code quarkus.http.limits.max-body-size} as a whole; see {@link SdkReport}.
 */
@Path(SdkImportResource.PATH)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class SdkImportResource {

    static final String PATH = "/v1/aicons:importSdk";

    private final SdkImport imports;
    private final SdkReport report;
    private final CurrentCaller caller;

    SdkImportResource(SdkImport imports, SdkReport report, CurrentCaller caller) {
        this.caller = caller;
        this.imports = imports;
        this.report = report;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequestBody(
            description = "One or more file parts, any part name: <id>.json (an AIcon document, as the SDK's "
                    + "save_state(format=\"json\") wrote it) and <id>.pkl or <id>.pickle (its pickled brain)",
            content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<ObjectNode> importFiles(@RestForm(FileUpload.ALL) List<FileUpload> uploads, UriInfo uri) {
        if (uploads == null || uploads.isEmpty()) {
            throw RequestRejected.malformed("no file parts: send each SDK state file as a file part, e.g. "
                    + "curl -F file=@<id>.json -F file=@<id>.pkl");
        }
        TenantId tenant = caller.tenant();
        return BlockingWork.io(() -> uploads.stream()
                        .map(upload ->
                                new SdkFile(SdkFile.baseName(upload.fileName()), upload.uploadedFile(), upload.size()))
                        .toList())
                .chain(files -> imports.importAll(tenant, "upload", files))
                .map(outcomes -> report.of(outcomes, uri.getPath()));
    }
}

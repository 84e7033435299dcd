package dev.aicon.gateway.api;

import dev.aicon.gateway.domain.AIcon;
import dev.aicon.gateway.domain.Preconditions;
import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.security.CurrentCaller;
import dev.aicon.gateway.service.AIconService;
import dev.aicon.gateway.service.FactorService;
import dev.aicon.gateway.service.ServiceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/** One state factor: {@code /v1/aicons/{id}/factors/{name}}. The {@code ETag} is the AIcon's version. */
@Path("/v1/aicons/{id}/factors/{name}")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class FactorResource {

    private final AIconService aicons;
    private final FactorService factors;
    private final JsonBodies bodies;
    private final CurrentCaller caller;

    FactorResource(AIconService aicons, FactorService factors, JsonBodies bodies, CurrentCaller caller) {
        this.caller = caller;
        this.aicons = aicons;
        this.factors = factors;
        this.bodies = bodies;
    }

    @GET
    public Uni<Response> get(
            @RestPath String id, @RestPath String name, @RestHeader("If-None-Match") String ifNoneMatch) {
        return aicons.get(caller.tenant(), DocumentResponses.requireId(id)).map(read -> {
            AIcon aicon = read.aicon().orElseThrow(() -> ServiceException.aiconNotFound(id));
            return DocumentResponses.conditionalGet(
                    read,
                    read.aicon().filter(a -> a.factors().containsKey(name)),
                    ifNoneMatch,
                    a -> a.factors().get(name),
                    ServiceException.factorNotFound(aicon.id(), name));
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(
            @RestPath String id,
            @RestPath String name,
            @RequestBody(
                            description = "One state factor",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(type = SchemaType.OBJECT)))
                    byte[] body,
            @RestHeader("If-Match") String ifMatch) {
        String checked = DocumentResponses.requireId(id);
        Preconditions preconditions = Preconditions.of(ifMatch, null);
        TenantId tenant = caller.tenant();
        return bodies.valueOffLoop(body)
                .chain(factor -> factors.put(tenant, checked, name, factor, preconditions))
                .map(written -> DocumentResponses.journaled(
                                DocumentResponses.json(
                                        written.created() ? 201 : 200,
                                        written.aicon().factors().get(name),
                                        written.aicon()),
                                written.journaled())
                        .build());
    }

    @DELETE
    public Uni<Response> delete(@RestPath String id, @RestPath String name, @RestHeader("If-Match") String ifMatch) {
        return factors.delete(caller.tenant(), DocumentResponses.requireId(id), name, Preconditions.of(ifMatch, null))
                .map(written -> DocumentResponses.journaled(
                                Response.noContent().tag(DocumentResponses.tagOf(written.aicon())), written.journaled())
                        .build());
    }
}

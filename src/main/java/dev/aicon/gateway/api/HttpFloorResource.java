package dev.aicon.gateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;

/**
 * {@code GET /v1/admin/http-floor}: 10 KB of JSON from memory, through the same HTTP stack as every endpoint but
 * with no store, cache or validation behind it. The benchmark compares the gateway's answers with this floor.
 */
@Path("/v1/admin/http-floor")
public class HttpFloorResource {

    private static final byte[] TEN_KB = tenKilobytesOfJson();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] floor() {
        return TEN_KB;
    }

    private static byte[] tenKilobytesOfJson() {
        char[] padding = new char[10 * 1024 - 16];
        Arrays.fill(padding, 'x');
        return ("{\"padding\":\"" + new String(padding) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

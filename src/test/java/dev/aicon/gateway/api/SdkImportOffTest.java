package dev.aicon.gateway.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Without {@code aicon.sdk.import-root} (the default) the gateway reads no directory of its machine for a client. */
@QuarkusTest
class SdkImportOffTest {

    @Test
    void directoryImportsAreForbiddenUntilARootIsConfigured() {
        SdkFilesTest.directoryImport(System.getProperty("java.io.tmpdir"))
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:aicon:problem:sdk-import-forbidden"))
                .body("detail", containsString("aicon.sdk.import-root"));
    }
}

package dev.aicon.gateway.api;

import dev.aicon.gateway.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.aicon.gateway.api.ApiClient.PROBLEM;
import static dev.aicon.gateway.api.ApiClient.create;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class FileStoreCorruptionTest {

    @ConfigProperty(name = "aicon.store.file.dir")
    String storeDir;

    @Test
    void aFileFoundDamagedAnswers500OnEveryPathUntilDeletedAndOthersStillServe() throws IOException {
        String healthy = Fixtures.uniqueId("healthy");
        String damaged = Fixtures.uniqueId("damaged");
        create(healthy);
        CorruptAnswers.createListable(damaged);
        Path file = Path.of(storeDir, "aicons", damaged + ".aicon");
        Files.writeString(file, "{\"format_version\":1,\"id\":\"" + damaged + "\",\"document\":{\"na");

        ApiClient.get(damaged)
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body("aicon_id", equalTo(damaged))
                .body("type", equalTo("urn:aicon:problem:stored-document-corrupt"))
                .body("detail", containsString(damaged))
                .body("detail", not(containsString(storeDir)));
        assertFalse(Files.exists(file), "the damaged file is moved to corrupt/");
        ApiClient.get(healthy).then().statusCode(200).body("id", equalTo(healthy));
        CorruptAnswers.assertCorruptEverywhere(damaged, storeDir, false);
        CorruptAnswers.assertListedThenDeletedAndCreatedAgain(damaged, storeDir);
    }
}

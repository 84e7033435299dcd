package dev.aicon.gateway.api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FileDocumentApiTest extends DocumentApiContract {

    @Override
    protected String backend() {
        return "file";
    }
}

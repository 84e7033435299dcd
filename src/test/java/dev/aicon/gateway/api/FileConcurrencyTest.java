package dev.aicon.gateway.api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FileConcurrencyTest extends ConcurrencyContract {}

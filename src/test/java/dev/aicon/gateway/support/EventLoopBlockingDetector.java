package dev.aicon.gateway.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.StandardOutputIntegration;

import java.util.List;

/**
 * Fails a test when anything blocked a Vert.x event loop while it ran: BlockHound (installed once per test JVM with
 * {@link EventLoopBlockingRules}) records every blocking call made on an event-loop thread in
 * {@link EventLoopViolations}, and after each test and each test class this extension fails with the calls' stacks.
 * Registered for every test through {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class EventLoopBlockingDetector implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnViolations();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnViolations();
    }

    /** Installs the detector once for this JVM; later calls do nothing. */
    public static synchronized void install() {
        if (!installed) {
            BlockHound.builder()
                    .with(new StandardOutputIntegration())
                    .with(new EventLoopBlockingRules())
                    .blockingMethodCallback(EventLoopViolations::record)
                    .install();
            installed = true;
        }
    }

    private static void failOnViolations() {
        List<String> violations = EventLoopViolations.drain();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " blocking call site(s) on a Vert.x event loop:\n\n"
                    + String.join("\n\n", violations));
        }
    }
}

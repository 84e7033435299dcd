package dev.aicon.gateway.api;

import io.vertx.core.http.HttpServerRequest;

/** The numbers a request carries: bounded parameters (400 when out of range) and the declared body length. */
final class RequestNumbers {

    private RequestNumbers() {}

    /** {@code text} as an integer in [{@code min}, {@code max}], else a 400 problem saying {@code rule}. */
    static long between(String text, long min, long max, String rule) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the rule
        }
        throw RequestRejected.malformed(rule);
    }

    /** Whether the request declares a {@code Content-Length} over {@code maxBytes} (a malformed one does not). */
    /** The request's declared {@code Content-Length}, or 0 when it declares none (or nonsense). */
    static long declared(HttpServerRequest request) {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(declared.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean declaresMoreThan(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package dev.aicon.gateway.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Server timestamps: UTC, microsecond precision (what PostgreSQL keeps), ISO-8601 with a trailing Z. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String now() {
        return format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static OffsetDateTime parse(String timestamp) {
        return OffsetDateTime.ofInstant(Instant.parse(timestamp), ZoneOffset.UTC);
    }
}

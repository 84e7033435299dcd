package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;

import java.util.Locale;

/** A configured size as people read it, for log lines: {@code 1 MiB (1048576 bytes)}. */
public final class ByteSize {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {}

    public static String of(MemorySize size) {
        return of(size.asLongValue());
    }

    public static String of(long bytes) {
        String exact = bytes + (bytes == 1 ? " byte" : " bytes");
        if (bytes < 1024) {
            return exact;
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String amount =
                value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return amount + " " + UNITS[unit] + " (" + exact + ")";
    }
}

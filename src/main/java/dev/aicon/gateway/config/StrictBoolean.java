package dev.aicon.gateway.config;

import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@code aicon.*} boolean as {@code true} or {@code false} only (any letter case). MicroProfile Config's
 * own converter reads anything it does not know, a typo included, as {@code false}; this one refuses it, so the
 * start stops and SmallRye Config names the key and the value.
 */
public class StrictBoolean implements Converter<Boolean> {

    @Override
    public @Nullable Boolean convert(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (trimmed.isEmpty()) {
            return null;
        }
        throw new IllegalArgumentException("\"" + value + "\" is not a boolean: write true or false");
    }
}

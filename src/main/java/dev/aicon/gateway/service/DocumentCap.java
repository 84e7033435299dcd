package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aicon.gateway.config.DocumentConfig;
import dev.aicon.gateway.domain.AIcon;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code aicon.document.max-bytes} held against what a write would store: the size of the whole resulting document
 * as GET returns it (compact JSON, UTF-8), counted as it is serialized, without keeping the bytes. Every write path
 * builds its next version and calls this before anything is stored or journaled.
 */
@ApplicationScoped
public class DocumentCap {

    private final ObjectMapper mapper;
    private final long maxBytes;

    DocumentCap(ObjectMapper mapper, DocumentConfig documents) {
        this.mapper = mapper;
        this.maxBytes = documents.maxBytes().asLongValue();
    }

    /** Fails with {@link ServiceException#documentTooLarge} when {@code next} would be larger than the cap. */
    public void require(AIcon next) {
        long size = sizeOf(next);
        if (size > maxBytes) {
            throw ServiceException.documentTooLarge(next.id(), size, maxBytes);
        }
    }

    long sizeOf(AIcon aicon) {
        ByteCounter counter = new ByteCounter();
        try {
            mapper.writeValue(counter, aicon.toDocument());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    /** Counts what is written to it and keeps nothing. */
    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}

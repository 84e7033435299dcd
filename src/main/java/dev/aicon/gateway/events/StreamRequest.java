package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;
import dev.aicon.gateway.domain.TenantId;
import org.jspecify.annotations.Nullable;

import java.util.function.Predicate;

/**
 * What one client of {@code tenant} asks to follow (only its own tenant's events, ever): the events of one AIcon ({@code aiconId}) or of every AIcon of a type
 * ({@code aiconType}; null for all), after {@code lastEventId} (-1: only events written from now on). {@code client}
 * is the key its stream counts against on the per-client cap.
 */
public record StreamRequest(
        TenantId tenant,
        String client,
        @Nullable String aiconId,
        @Nullable String aiconType,
        long lastEventId) {

    /** Whether the client asked to resume after an event id it had. */
    boolean resumes() {
        return lastEventId >= 0;
    }

    /** The live events this stream wants. */
    Predicate<ChangeEvent> filter() {
        return event -> tenant.equals(event.tenant())
                && (aiconId == null || aiconId.equals(event.aiconId()))
                && (aiconType == null || aiconType.equals(event.aiconType()));
    }
}

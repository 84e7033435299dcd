package dev.aicon.gateway.events;

import dev.aicon.gateway.domain.ChangeEvent;
import org.jspecify.annotations.Nullable;

import java.util.function.Predicate;

/**
 * What one client asks to follow: the events of one AIcon ({@code aiconId}) or of every AIcon of a type
 * ({@code aiconType}; null for all), after {@code lastEventId} (-1: only events written from now on). {@code client}
 * is the key its stream counts against on the per-client cap.
 */
public record StreamRequest(
        String client, @Nullable String aiconId, @Nullable String aiconType, long lastEventId) {

    /** Whether the client asked to resume after an event id it had. */
    boolean resumes() {
        return lastEventId >= 0;
    }

    /** The live events this stream wants. */
    Predicate<ChangeEvent> filter() {
        return event -> (aiconId == null || aiconId.equals(event.aiconId()))
                && (aiconType == null || aiconType.equals(event.aiconType()));
    }
}

package dev.aicon.gateway.store;

/** Outbox events with ids in ({@code afterId}, {@code upToId}], of one AIcon and/or one type when given. */
public record EventQuery(long afterId, long upToId, String aiconId, String aiconType, int limit) {
}

package dev.aicon.gateway.domain;

/** What a list answer shows of one AIcon. */
public record AIconSummary(String id, String name, String aiconType, long version, String updatedAt) {
}

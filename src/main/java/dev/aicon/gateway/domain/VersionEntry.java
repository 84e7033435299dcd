package dev.aicon.gateway.domain;

/** One recorded version of an AIcon: its number, when it was written and what kind of change produced it. */
public record VersionEntry(long version, String updatedAt, ChangeKind kind) {
}

package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

/** One recorded version of an AIcon: its number, when it was written and what kind of change produced it. */
public record VersionEntry(long version, @Nullable String updatedAt, ChangeKind kind) {}

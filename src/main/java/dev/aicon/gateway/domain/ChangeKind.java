package dev.aicon.gateway.domain;

/** What an accepted write did to an AIcon; the name is what history entries and SSE events carry. */
public enum ChangeKind {
    created,
    updated,
    factor_updated,
    brain_updated,
    deleted
}

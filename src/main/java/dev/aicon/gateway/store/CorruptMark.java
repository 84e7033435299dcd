package dev.aicon.gateway.store;

/** An AIcon whose stored document was found damaged, and when (UTC, as {@code domain.Timestamps} writes it). */
public record CorruptMark(String id, String foundAt) {}

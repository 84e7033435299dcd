package dev.aicon.gateway.controlplane;

/** A stored audit event with its id: ids grow with every append, so a larger id is a later record. */
public record AuditEntry(long id, AuditEvent event) {}

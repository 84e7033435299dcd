package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

import java.util.List;

/**
 * A batchGet: the AIcons found and the ids not found, each in request order; {@code journaled} when some answer
 * comes from writes journaled while the store was unavailable and not replayed yet.
 */
public record BatchRead(List<AIcon> found, List<String> missing, boolean journaled) {}

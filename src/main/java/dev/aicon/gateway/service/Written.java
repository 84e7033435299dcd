package dev.aicon.gateway.service;

import dev.aicon.gateway.domain.AIcon;

/** The AIcon after an accepted write, and whether the write created what it addressed. */
public record Written(AIcon aicon, boolean created) {
}

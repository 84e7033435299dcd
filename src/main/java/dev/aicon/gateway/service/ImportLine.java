package dev.aicon.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One line of an import that is a JSON object, with its line number in the body (from 1). */
public record ImportLine(long number, ObjectNode document) {}

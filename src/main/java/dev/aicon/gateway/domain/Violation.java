package dev.aicon.gateway.domain;

/** One rule a document breaks: the JSON path of the field and what is wrong with it. */
public record Violation(String field, String message) {}

package dev.aicon.gateway.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation of a document, so one answer names all bad fields at once. */
public final class Violations {

    private final List<Violation> list = new ArrayList<>();

    public void add(String field, String message) {
        list.add(new Violation(field, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(list);
    }
}

package dev.aicon.gateway.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the violations of a document, so one answer names the bad fields at once: the first {@value #KEPT} are
 * kept, every one is counted, so a document with millions of bad values costs no more memory than one with a hundred.
 */
public final class Violations {

    /** How many violations an answer lists; {@link #total()} counts them all. */
    public static final int KEPT = 100;

    private final List<Violation> list = new ArrayList<>();
    private int total;

    public void add(String field, String message) {
        total++;
        if (list.size() < KEPT) {
            list.add(new Violation(field, message));
        }
    }

    /** Whether the next violation would still be kept (callers skip building costly field paths when not). */
    boolean keepsMore() {
        return list.size() < KEPT;
    }

    /** Counts a violation past {@link #KEPT} without building it. */
    void count() {
        total++;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** The first {@value #KEPT} violations, in the order found. */
    public List<Violation> list() {
        return List.copyOf(list);
    }

    /** Every violation found, kept or not. */
    public int total() {
        return total;
    }
}

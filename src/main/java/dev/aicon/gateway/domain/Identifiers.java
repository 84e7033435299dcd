package dev.aicon.gateway.domain;

import org.jspecify.annotations.Nullable;

import java.util.regex.Pattern;

/** The naming rule shared by AIcon ids and factor names: 1–128 chars of [A-Za-z0-9._:-], never a path step. */
public final class Identifiers {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Identifiers() {}

    public static boolean isValid(@Nullable String candidate) {
        return candidate != null
                && ALLOWED.matcher(candidate).matches()
                && !candidate.contains("..")
                && !candidate.equals(".");
    }

    public static String rule() {
        return "must be 1-128 characters of [A-Za-z0-9._:-] and must not be '.' or contain '..'";
    }

    /** The rule, said of an AIcon id. */
    public static String aiconIdRule() {
        return "the AIcon id " + rule();
    }
}

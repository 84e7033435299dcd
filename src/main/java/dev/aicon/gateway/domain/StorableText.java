package dev.aicon.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text every store can hold, checked before any store is asked: no NUL character (PostgreSQL text and json cannot
 * hold U+0000) and no lone UTF-16 surrogate (a JSON escape such as {@code "\ud800"} that is not valid Unicode and has
 * no UTF-8 form). The indexed fields {@code name} and {@code aicon_type} hold at most {@link #MAX_INDEXED_BYTES}
 * bytes of UTF-8, which keeps them under PostgreSQL's btree row limit.
 */
public final class StorableText {

    /** The most UTF-8 bytes of {@code name} and {@code aicon_type} (and of a list filter on them). */
    public static final int MAX_INDEXED_BYTES = 1024;

    private StorableText() {}

    /** What makes {@code text} unstorable, or empty when every store can hold it. */
    public static Optional<String> flaw(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(
                        "must be valid Unicode: it holds a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
        return Optional.empty();
    }

    /** What makes {@code text} unfit for an indexed field (also {@link #flaw}), or empty when it fits. */
    public static Optional<String> indexedFlaw(String text) {
        return flaw(text).or(() -> lengthFlaw(text));
    }

    /** Whether {@code text}, free of {@link #flaw}s, is longer than an indexed field may be. */
    static Optional<String> lengthFlaw(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_INDEXED_BYTES
                ? Optional.of("must be at most " + MAX_INDEXED_BYTES + " bytes of UTF-8 (it has " + bytes + ")")
                : Optional.empty();
    }

    /** The most characters of a key or name an answer repeats in a field path or a message. */
    public static final int SHOWN_CHARS = 64;

    /** {@link #printable} {@code text}, cut after {@value #SHOWN_CHARS} characters (marked with "..."). */
    public static String shown(String text) {
        return printable(text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text);
    }

    /** {@code text} with NUL and lone surrogates spelled as {@code \\uXXXX}, safe to name in an answer or a log. */
    public static String printable(String text) {
        if (flaw(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

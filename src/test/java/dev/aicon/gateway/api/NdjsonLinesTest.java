package dev.aicon.gateway.api;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The import's line splitting without a gateway: lines numbered as in the client's file (blank ones included),
 * {@code \r\n} endings, lines split across buffers, a last line without a newline, and over-long lines skipped and
 * reported by number while the lines around them go through.
 */
class NdjsonLinesTest {

    /**
     * What the splitter reported: {@code "3:text"} for a line (a carriage return left in it shown as {@code \r}),
     * {@code "3!"} for an over-long one.
     */
    private final List<String> seen = new ArrayList<>();

    private NdjsonLines lines(long maxBytes) {
        return new NdjsonLines(maxBytes, new NdjsonLines.Sink() {
            @Override
            public void line(long number, Buffer line) {
                seen.add(number + ":" + line.toString().replace("\r", "\\r"));
            }

            @Override
            public void overlong(long number) {
                seen.add(number + "!");
            }
        });
    }

    private static Buffer text(String text) {
        return Buffer.buffer(text);
    }

    @Test
    void linesAreNumberedFromOneWithBlankLinesCounted() {
        NdjsonLines splitter = lines(100);
        splitter.feed(text("{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n"));
        splitter.end();
        assertEquals(List.of("1:{\"id\":\"a\"}", "2:", "3:{\"id\":\"b\"}"), seen);
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsDropped() {
        NdjsonLines splitter = lines(100);
        splitter.feed(text("one\r\ntwo\r\n"));
        splitter.end();
        assertEquals(List.of("1:one", "2:two"), seen);
    }

    @Test
    void aLineSplitAcrossBuffersIsOneLine() {
        NdjsonLines splitter = lines(100);
        splitter.feed(text("{\"id\":"));
        splitter.feed(text("\"a\"}\r"));
        splitter.feed(text("\n{\"id\""));
        splitter.feed(text(":\"b\"}"));
        splitter.end();
        assertEquals(List.of("1:{\"id\":\"a\"}", "2:{\"id\":\"b\"}"), seen);
    }

    @Test
    void aLastLineWithoutNewlineIsALineAndNothingFollowsATrailingNewline() {
        NdjsonLines splitter = lines(100);
        splitter.feed(text("first\nlast"));
        splitter.end();
        assertEquals(List.of("1:first", "2:last"), seen);

        seen.clear();
        NdjsonLines ended = lines(100);
        ended.feed(text("only\n"));
        ended.end();
        assertEquals(List.of("1:only"), seen, "no empty line 2 after the final newline");
    }

    @Test
    void aLineOfExactlyTheCapPassesAndOneByteMoreIsOverlong() {
        NdjsonLines splitter = lines(5);
        splitter.feed(text("12345\n123456\n12345\r\n"));
        splitter.end();
        assertEquals(List.of("1:12345", "2!", "3:12345"), seen, "the \\r does not count against the cap");
    }

    @Test
    void anOverlongLineIsSkippedAcrossBuffersAndTheNextLinesKeepTheirNumbers() {
        NdjsonLines splitter = lines(8);
        splitter.feed(text("ok\n0123456789"));
        splitter.feed(text("0123456789"));
        splitter.feed(text("tail\nafter\n"));
        splitter.feed(text("0123456789-unterminated"));
        splitter.end();
        assertEquals(List.of("1:ok", "2!", "3:after", "4!"), seen);
    }
}

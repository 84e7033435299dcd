package dev.aicon.gateway.domain;

import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of RFC 7396, Appendix A. */
class MergePatchTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":\"b\"}                 | {\"a\":\"c\"}               | {\"a\":\"c\"}",
                "{\"a\":\"b\"}                 | {\"b\":\"c\"}               | {\"a\":\"b\",\"b\":\"c\"}",
                "{\"a\":\"b\"}                 | {\"a\":null}                | {}",
                "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}                | {\"b\":\"c\"}",
                "{\"a\":[\"b\"]}               | {\"a\":\"c\"}               | {\"a\":\"c\"}",
                "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}             | {\"a\":[\"b\"]}",
                "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
                "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}                 | {\"a\":[1]}",
                "[\"a\",\"b\"]                 | [\"c\",\"d\"]               | [\"c\",\"d\"]",
                "{\"a\":\"b\"}                 | [\"c\"]                     | [\"c\"]",
                "{\"a\":\"foo\"}               | null                        | null",
                "{\"a\":\"foo\"}               | \"bar\"                     | \"bar\"",
                "{\"e\":null}                  | {\"a\":1}                   | {\"e\":null,\"a\":1}",
                "[1,2]                         | {\"a\":\"b\",\"c\":null}    | {\"a\":\"b\"}",
                "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
            })
    void rfc7396Examples(String target, String patch, String expected) throws Exception {
        assertEquals(
                Fixtures.MAPPER.readTree(expected),
                MergePatch.apply(Fixtures.MAPPER.readTree(target), Fixtures.MAPPER.readTree(patch)));
    }
}

package dev.aicon.gateway.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The file store in a directory of its own, prepared before the gateway starts: one AIcon file holding garbage
 * (found damaged when the store opens) and one damaged copy an earlier run set aside in {@code corrupt/}.
 */
public class DamagedAtStartProfile implements QuarkusTestProfile {

    public static final Path DIR = Path.of("target/test-data/damaged-at-start").toAbsolutePath();
    public static final String DAMAGED_NOW = "boot-damaged";
    public static final String DAMAGED_EARLIER = "earlier.damaged";
    /** When the earlier run set its copy aside: 1700000000000 ms after the epoch. */
    public static final String EARLIER_FOUND_AT = "2023-11-14T22:13:20.000000Z";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            if (Files.exists(DIR)) {
                try (Stream<Path> old = Files.walk(DIR)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(DIR.resolve("aicons"));
            Files.createDirectories(DIR.resolve("corrupt"));
            Files.writeString(DIR.resolve("aicons").resolve(DAMAGED_NOW + ".aicon"), "{\"format_version\":2,\"id\":\"");
            Files.write(DIR.resolve("corrupt").resolve(DAMAGED_EARLIER + ".1700000000000.aicon"), new byte[] {0x1f, 1});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "aicon.store.file.dir",
                DIR.toString(),
                "aicon.journal.dir",
                DIR.resolve("journal").toString());
    }
}

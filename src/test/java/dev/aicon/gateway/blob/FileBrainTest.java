package dev.aicon.gateway.blob;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Brains on the file store: inline next to the documents, large ones in the local blob directory, zstd. */
@QuarkusTest
class FileBrainTest extends BrainContract {

    @ConfigProperty(name = "aicon.blob.local-dir")
    String localDir;

    @Override
    protected String largeLocation() {
        return "local";
    }

    @Override
    protected String codec() {
        return "zstd";
    }

    @Override
    protected void corrupt(BrainMeta brain) throws Exception {
        try (RandomAccessFile file =
                new RandomAccessFile(Path.of(localDir, brain.object()).toFile(), "rw")) {
            file.seek(brain.storedSize() / 2);
            int value = file.read();
            file.seek(brain.storedSize() / 2);
            file.write(value ^ 0xff);
        }
    }
}

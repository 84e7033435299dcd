package dev.aicon.gateway.blob;

import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.ServiceOptions;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.aicon.gateway.support.FakeGcs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The GCS fake answers the official client the way GCS does, for every call the gateway makes. */
class FakeGcsTest {

    private static FakeGcs gcs;
    private static Storage storage;

    @BeforeAll
    static void start() {
        gcs = new FakeGcs().start();
        storage = StorageOptions.newBuilder()
                .setHost(gcs.host())
                .setProjectId("test")
                .setCredentials(NoCredentials.getInstance())
                .setRetrySettings(ServiceOptions.getNoRetrySettings())
                .build()
                .getService();
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void multipartUploadMetadataGenerationsAndPreconditions() {
        BlobInfo info = BlobInfo.newBuilder(BlobId.of("bucket", "a/one")).build();
        Blob first = storage.create(info, random(1000), Storage.BlobTargetOption.doesNotExist());
        assertEquals(1000, first.getSize());
        StorageException exists = assertThrows(
                StorageException.class,
                () -> storage.create(info, random(10), Storage.BlobTargetOption.doesNotExist()));
        assertEquals(412, exists.getCode());
        Blob second = storage.create(info, random(10), Storage.BlobTargetOption.generationMatch(first.getGeneration()));
        assertNotEquals(first.getGeneration(), second.getGeneration());
        assertEquals(10, storage.get(BlobId.of("bucket", "a/one")).getSize());
    }

    @Test
    void resumableUploadInChunksAndRangedDownload() throws Exception {
        byte[] data = random(3 * 256 * 1024 + 17);
        try (WriteChannel writer = storage.writer(
                BlobInfo.newBuilder(BlobId.of("bucket", "b/big")).build(), Storage.BlobWriteOption.doesNotExist())) {
            writer.setChunkSize(256 * 1024);
            writer.write(ByteBuffer.wrap(data));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (ReadChannel reader = storage.reader(BlobId.of("bucket", "b/big"))) {
            Channels.newInputStream(reader).transferTo(all);
        }
        assertArrayEquals(data, all.toByteArray());
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        try (ReadChannel reader = storage.reader(BlobId.of("bucket", "b/big"))) {
            reader.seek(1000);
            reader.limit(3000);
            Channels.newInputStream(reader).transferTo(part);
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 3000), part.toByteArray());
    }

    @Test
    void listByPrefixAndDelete() {
        storage.create(BlobInfo.newBuilder(BlobId.of("bucket", "c/1")).build(), random(5));
        storage.create(BlobInfo.newBuilder(BlobId.of("bucket", "c/2")).build(), random(5));
        storage.create(BlobInfo.newBuilder(BlobId.of("bucket", "d/1")).build(), random(5));
        List<String> names = StreamSupport.stream(
                        storage.list("bucket", Storage.BlobListOption.prefix("c/"))
                                .iterateAll()
                                .spliterator(),
                        false)
                .map(Blob::getName)
                .toList();
        assertEquals(List.of("c/1", "c/2"), names);
        storage.delete(BlobId.of("bucket", "c/1"));
        assertNull(storage.get(BlobId.of("bucket", "c/1")));
        assertFalse(storage.delete(BlobId.of("bucket", "c/1")));
    }

    @Test
    void anOutageAnswers503() {
        gcs.setDown(true);
        try {
            StorageException down = assertThrows(StorageException.class, () -> storage.get(BlobId.of("bucket", "x")));
            assertEquals(503, down.getCode());
        } finally {
            gcs.setDown(false);
        }
    }
}

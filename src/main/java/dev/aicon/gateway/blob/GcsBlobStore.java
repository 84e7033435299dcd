package dev.aicon.gateway.blob;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.aicon.gateway.resilience.BackendGuard;
import io.smallrye.mutiny.Uni;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Large brains in Google Cloud Storage through the official client: resumable uploads with a does-not-exist
 * precondition (an object is written once), streamed downloads. Every call runs under the {@code gcs} guard, on a
 * {@code aicon-brain} thread; a missing object is an answer, not a failure.
 */
public class GcsBlobStore implements BlobStore {

    /** Buffer of a download: a reader sending to a slow client holds one of these while it waits. */
    private static final int READ_CHUNK = 1024 * 1024;

    private final Storage storage;
    private final String bucket;
    private final int chunkSize;
    private final BackendGuard guard;
    private final BrainWorkers workers;

    public GcsBlobStore(Storage storage, String bucket, int chunkSize, BackendGuard guard, BrainWorkers workers) {
        this.storage = storage;
        this.bucket = bucket;
        this.chunkSize = chunkSize;
        this.guard = guard;
        this.workers = workers;
    }

    @Override
    public BrainMeta.Location location() {
        return BrainMeta.Location.gcs;
    }

    @Override
    public Uni<Void> put(String object, Path file) {
        return guard.write(() -> workers.run(() -> {
            BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, object))
                    .setContentType("application/octet-stream")
                    .build();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    WriteChannel out = storage.writer(info, Storage.BlobWriteOption.doesNotExist())) {
                out.setChunkSize(chunkSize);
                ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                }
            } catch (StorageException e) {
                if (e.getCode() == 412) {
                    return null;
                }
                throw e;
            }
            return null;
        }));
    }

    @Override
    public Uni<InputStream> open(String object) {
        return guard.read(() -> workers.run(() -> {
            Blob blob = storage.get(BlobId.of(bucket, object));
            if (blob == null) {
                throw new BlobMissing(object);
            }
            ReadChannel reader = storage.reader(blob.getBlobId());
            reader.setChunkSize(READ_CHUNK);
            return Channels.newInputStream(reader);
        }));
    }

    @Override
    public Uni<Void> delete(String object) {
        return guard.write(() -> workers.run(() -> {
            storage.delete(BlobId.of(bucket, object));
            return null;
        }));
    }

    @Override
    public Uni<List<StoredObject>> list() {
        return guard.read(() -> workers.run(() -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Blob blob : storage.list(bucket).iterateAll()) {
                objects.add(new StoredObject(
                        blob.getName(), blob.getCreateTimeOffsetDateTime().toInstant()));
            }
            return objects;
        }));
    }

    public String breakerState() {
        return guard.state().name();
    }
}

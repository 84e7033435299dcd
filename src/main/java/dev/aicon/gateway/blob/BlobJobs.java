package dev.aicon.gateway.blob;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends brains spooled during a GCS outage once GCS answers again. */
@ApplicationScoped
public class BlobJobs {

    private final BrainStorage storage;

    BlobJobs(BrainStorage storage) {
        this.storage = storage;
    }

    @Scheduled(
            every = "${aicon.blob.gcs.pending-upload-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> uploadPending() {
        return storage.uploadPending()
                .invoke(sent -> {
                    if (sent > 0) {
                        Log.infof("uploaded %d brains spooled while GCS was unavailable", sent);
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    Log.debugf("spooled brains wait for GCS: %s", e.toString());
                    return 0;
                })
                .replaceWithVoid();
    }
}

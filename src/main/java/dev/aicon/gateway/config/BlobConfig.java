package dev.aicon.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** {@code aicon.blob.*}: where brain blobs live, how they are compressed, and how orphans are cleaned up. */
@ConfigMapping(prefix = "aicon.blob")
public interface BlobConfig {

    /** Brains whose stored (compressed) size is at most this stay inline: in PostgreSQL, or in the file store. */
    @WithDefault("1M")
    MemorySize inlineMaxBytes();

    /** Largest brain accepted; past it the answer is 413. */
    @WithDefault("2G")
    MemorySize maxBytes();

    /** Directory of large brains when GCS offload is off (and of inline brains of the file and memory stores). */
    @WithDefault("${aicon.store.file.dir:./data}/blobs")
    String localDir();

    /** Directory where uploads are received, reads are prepared, and uploads wait while GCS is unavailable. */
    @WithDefault("${aicon.store.file.dir:./data}/blob-spool")
    String spoolDir();

    /**
     * Disk quota of local blob storage: the local blob directory and the file store's inline brains, orphans included;
     * past it a write is 507.
     */
    @WithDefault("8G")
    MemorySize localMaxBytes();

    /**
     * Disk quota of the spool: uploads in progress, their compressed copies and brains waiting for GCS; past it a write
     * is 507.
     */
    @WithDefault("5G")
    MemorySize spoolMaxBytes();

    /** Threads of the {@code aicon-brain} executor that runs GCS calls and brain file work off the worker pool. */
    @WithDefault("8")
    int workers();

    /** Tasks that may wait for an {@code aicon-brain} thread; past it a brain request is answered 503. */
    @WithDefault("256")
    int workQueue();

    /** Brain reads being sent at once; past it a read is answered 503 with {@code Retry-After}. */
    @WithDefault("32")
    int maxConcurrentReads();

    /** Google Cloud Storage target of large brains. */
    Gcs gcs();

    /** Compression of stored brains. */
    Compression compression();

    /** Removal of stored brains no AIcon refers to any more. */
    Cleanup cleanup();

    interface Gcs {
        /** Bucket of offloaded brains (required when offload is on). */
        Optional<String> bucket();

        /** Endpoint of the GCS JSON API, e.g. an emulator; unset means Google's. */
        Optional<String> host();

        /** Project of the bucket; unset means the credentials' default project. */
        Optional<String> projectId();

        /** Size of each resumable-upload chunk (held in memory once per upload in flight). */
        @WithDefault("8M")
        MemorySize uploadChunkSize();

        /** How often uploads spooled during a GCS outage are retried. */
        @WithDefault("5s")
        Duration pendingUploadInterval();
    }

    interface Compression {
        /** Codec for brains: {@code none}, {@code gzip} or {@code zstd}. */
        @WithDefault("zstd")
        Codec codec();

        /** Codec level (gzip 1-9, zstd 1-22). */
        @WithDefault("3")
        int level();

        /** Brains smaller than this are stored as sent. */
        @WithDefault("64K")
        MemorySize minBytes();

        /** Share of the size compression must save, judged on a sample first, or the brain is stored as sent. */
        @WithDefault("0.1")
        double minSaving();
    }

    interface Cleanup {
        /** How often stored brains no AIcon refers to are looked for. */
        @WithDefault("1h")
        Duration interval();

        /** How old an unreferenced object must be before it is deleted (reads in flight may still use it). */
        @WithDefault("1h")
        Duration grace();
    }

    enum Codec {
        none,
        gzip,
        zstd
    }
}

package dev.aicon.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code aicon.batch.*}: bulk endpoints (batchGet, batchPut, export, import). */
@ConfigMapping(prefix = "aicon.batch")
public interface BatchConfig {

    /** Most ids in one batchGet and items in one batchPut; more gets 413. */
    @WithDefault("500")
    int maxItems();

    /** AIcons an import writes per store transaction, and an export reads per page. */
    @WithDefault("200")
    int chunkSize();

    /** An import logs its progress every this many lines. */
    @WithDefault("1000")
    int progressEvery();
}

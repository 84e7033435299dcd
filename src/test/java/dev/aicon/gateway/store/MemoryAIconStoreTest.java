package dev.aicon.gateway.store;

import dev.aicon.gateway.domain.TenantId;
import dev.aicon.gateway.domain.Timestamps;
import dev.aicon.gateway.store.memory.MemoryAIconStore;
import dev.aicon.gateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryAIconStoreTest extends AIconStoreContract {

    private final MemoryAIconStore store = new MemoryAIconStore(true, 100_000);

    @Override
    protected AIconStore store() {
        return store;
    }

    @Test
    void theInMemoryOutboxKeepsAtMostItsLimitDroppingTheOldest() {
        MemoryAIconStore small = new MemoryAIconStore(false, 3);
        for (int i = 0; i < 5; i++) {
            small.write(new StoreWrite(
                            TenantId.DEFAULT,
                            Fixtures.sdkAIcon("capped-" + i).stamped(1, Timestamps.now()),
                            0,
                            new StoreWrite.Replace()))
                    .await()
                    .atMost(Duration.ofSeconds(5));
        }
        AIconStore.EventRange range = small.eventRange().await().atMost(Duration.ofSeconds(5));
        assertEquals(2, range.newest() - range.oldest(), "three events kept");
        assertEquals(
                3,
                small.events(new EventQuery(TenantId.DEFAULT, 0, Long.MAX_VALUE, null, null, 10))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .size());
    }
}

package dev.aicon.gateway.store;

import dev.aicon.gateway.store.memory.MemoryAIconStore;

class MemoryAIconStoreTest extends AIconStoreContract {

    private final MemoryAIconStore store = new MemoryAIconStore(true);

    @Override
    protected AIconStore store() {
        return store;
    }
}

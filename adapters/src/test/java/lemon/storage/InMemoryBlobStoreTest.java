package lemon.storage;

import lemon.port.BlobStore;
import lemon.testing.InMemoryBlobStore;

/** The fake the stage tests run on keeps the same contract as the real stores. */
class InMemoryBlobStoreTest extends BlobStoreContract {
    @Override
    BlobStore newStore() {
        return new InMemoryBlobStore();
    }
}

package dev.vigil.promql.promqltest;

import dev.vigil.model.storage.Storage;
import dev.vigil.testkit.InMemoryStorage;

/** The promqltest conformance suite on the in-memory reference storage. */
class PromqlConformanceTest extends PromqlConformanceSuite {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }

    @Override
    protected String storageName() {
        return "in-memory";
    }
}

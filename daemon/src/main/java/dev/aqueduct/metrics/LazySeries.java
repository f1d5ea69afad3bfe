package dev.aqueduct.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Metric handles by slot, each created and registered on first use. Slots stand for label
 * combinations, so the hot path finds its handle by index, without building a name or a label
 * map, and only combinations that occur ever appear on {@code /metrics}.
 */
final class LazySeries<M> {
    private final AtomicReferenceArray<M> slots;
    private final IntFunction<M> create;

    /** {@code size} slots; {@code create} makes and registers the handle for a slot, once. */
    LazySeries(int size, IntFunction<M> create) {
        this.slots = new AtomicReferenceArray<>(size);
        this.create = create;
    }

    M get(int slot) {
        M handle = slots.get(slot);
        return handle != null ? handle : create(slot);
    }

    private synchronized M create(int slot) {
        M handle = slots.get(slot);
        if (handle == null) {
            handle = create.apply(slot);
            slots.set(slot, handle);
        }
        return handle;
    }
}

package io.snaptastic.support;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Computes a value on first use and keeps it. A failure is not kept, so a client that could not be
 * built while the region was unknown is built on a later call once it is known.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "factory returned null");
                    value = current;
                }
            }
        }
        return current;
    }

    /** The value when it was already computed; null otherwise (nothing is computed). */
    public T ifComputed() {
        return value;
    }
}

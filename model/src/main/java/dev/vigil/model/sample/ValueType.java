package dev.vigil.model.sample;

/** The kind of value a sample holds. Vigil stores floats now; the histogram kinds reserve room for native histograms. */
public enum ValueType {
    /** No value: an exhausted iterator. */
    NONE,
    /** A float64 sample. */
    FLOAT,
    /** An integer native histogram. */
    HISTOGRAM,
    /** A float native histogram. */
    FLOAT_HISTOGRAM
}

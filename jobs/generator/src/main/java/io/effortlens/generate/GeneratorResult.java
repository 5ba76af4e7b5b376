package io.effortlens.generate;

/**
 * What {@link Generator#run} wrote: the number of simulated customers and the record counts of the
 * three vendor extracts (taken from aggregations observed while writing), and the output root.
 */
public record GeneratorResult(
    long customers, long contactCenterRecords, long webEvents, long customerRows, String outDir) {}

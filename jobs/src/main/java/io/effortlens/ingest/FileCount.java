package io.effortlens.ingest;

/**
 * The reconciliation of one input file: {@code read = accepted + quarantined + duplicates}.
 * Quarantined includes {@code filtered} (rows the mapping's where excluded on purpose).
 */
public record FileCount(
    String file, long read, long accepted, long quarantined, long duplicates, long filtered) {

  /** Whether the identity holds; it does by construction, and tests assert it on real files. */
  public boolean balances() {
    return read == accepted + quarantined + duplicates;
  }

  FileCount plus(FileCount other) {
    return new FileCount(
        file,
        read + other.read,
        accepted + other.accepted,
        quarantined + other.quarantined,
        duplicates + other.duplicates,
        filtered + other.filtered);
  }

  static FileCount total(java.util.List<FileCount> files) {
    return files.stream().reduce(new FileCount("total", 0, 0, 0, 0, 0), FileCount::plus);
  }
}

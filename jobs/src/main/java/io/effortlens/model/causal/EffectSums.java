package io.effortlens.model.causal;

import org.apache.spark.sql.Row;

/** The sums of every {@link EffectTerm} in one bootstrap round (round 0 = the data as observed). */
record EffectSums(int round, double[] sums) {
  static EffectSums of(Row row) {
    double[] sums = new double[EffectTerm.values().length];
    for (EffectTerm term : EffectTerm.values()) {
      Object value = row.get(row.fieldIndex(term.column()));
      sums[term.ordinal()] = value == null ? 0.0 : ((Number) value).doubleValue();
    }
    return new EffectSums(row.getInt(row.fieldIndex(Bootstrap.ROUND)), sums);
  }

  double get(EffectTerm term) {
    return sums[term.ordinal()];
  }
}

package io.effortlens.model;

/**
 * One model input: a numeric customer_features column with its catalog family and description, and
 * its "no effort" reference value for counterfactual attribution (null when the driver has no
 * meaningful reference, see {@link DriverReferences}).
 */
public record Driver(String name, String family, String description, Double reference) {
  /** The double column the model pipelines read for this driver. */
  public String input() {
    return "x__" + name;
  }

  /** The imputed column the assembler reads. */
  String imputed() {
    return "i__" + name;
  }

  public boolean hasReference() {
    return reference != null;
  }
}

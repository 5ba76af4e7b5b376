package io.effortlens.scoring;

import java.io.Serializable;

/**
 * A driver that may explain a customer's risk: a feature column, its family, the "no effort"
 * reference value the model is asked about (from {@code driver_effects.counterfactual_value}), and
 * what is needed to say it in words.
 *
 * @param feature the customer_features column
 * @param family effort, delight, experience, engagement or profile
 * @param reference the value the counterfactual sets the driver to
 * @param description the catalogue description (fallback sentence)
 * @param windowDays the feature's window, or null
 * @param integral whether values are counts (shown without decimals)
 */
public record Candidate(
    String feature,
    String family,
    double reference,
    String description,
    Integer windowDays,
    boolean integral)
    implements Serializable {}

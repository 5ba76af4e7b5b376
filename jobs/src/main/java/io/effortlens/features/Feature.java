package io.effortlens.features;

import org.apache.spark.sql.Column;

/**
 * One customer feature, defined once: its column name, catalog entry and how it is computed. The
 * same definition produces the column in {@code customer_features} and its row in {@code
 * feature_catalog}.
 *
 * @param name column name (snake_case, window as {@code _<n>d} suffix)
 * @param family catalog family
 * @param windowDays look-back window in days, null when the feature has none
 * @param description what the value means, for the catalog
 * @param value the expression: an aggregate over the customer's source rows, or for profile
 *     features a row expression over the snapshot joined with customers
 * @param absent the value for a customer without source rows (e.g. 0 for counts), or null
 */
public record Feature(
    String name,
    FeatureFamily family,
    Integer windowDays,
    String description,
    Column value,
    Object absent) {}

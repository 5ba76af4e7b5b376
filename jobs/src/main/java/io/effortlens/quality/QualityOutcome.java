package io.effortlens.quality;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The result of a quality gate.
 *
 * @param passed whether every constraint of error severity held
 * @param results one row per constraint in the {@code quality_results} schema
 * @param failures human-readable failed constraints
 */
public record QualityOutcome(boolean passed, Dataset<Row> results, List<String> failures) {}

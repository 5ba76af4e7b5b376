package io.effortlens.model.causal;

import static org.apache.spark.sql.functions.col;

import io.effortlens.features.FeatureCatalogSchema;
import io.effortlens.features.FeatureFamily;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The features {@link DelightEffects} adjusts for, chosen from {@code feature_catalog}: every
 * numeric or boolean feature of the effort, experience, engagement and profile families (what is
 * known at T and may drive both who gets delighted and who leaves). Delight features are left out
 * (the treatment and its windows; earlier actions are added by {@link DelightEffects} itself), and
 * so are the {@code days_since_*} recencies, which are null when nothing happened (the windowed
 * counts carry the same information without a missing-value code).
 */
public final class DelightConfounders {
  private static final Set<String> FAMILIES =
      Set.of(
          FeatureFamily.EFFORT.label(),
          FeatureFamily.EXPERIENCE.label(),
          FeatureFamily.ENGAGEMENT.label(),
          FeatureFamily.PROFILE.label());

  private DelightConfounders() {}

  /**
   * @param catalog the feature_catalog table (one row per feature; small, read to the driver)
   * @param training the schema of the training snapshots
   * @return the confounder columns, sorted by name
   */
  public static List<String> from(Dataset<Row> catalog, StructType training) {
    List<Row> rows =
        catalog
            .filter(col(FeatureCatalogSchema.FAMILY).isin(FAMILIES.toArray()))
            .select(FeatureCatalogSchema.NAME)
            .orderBy(FeatureCatalogSchema.NAME)
            .collectAsList();
    Set<String> present = Set.of(training.fieldNames());
    return rows.stream()
        .map(r -> r.getString(0))
        .filter(present::contains)
        .filter(name -> !name.startsWith("days_since_"))
        .filter(name -> isNumeric(training.apply(name)))
        .toList();
  }

  private static boolean isNumeric(StructField field) {
    return field.dataType() instanceof NumericType || field.dataType() instanceof BooleanType;
  }
}

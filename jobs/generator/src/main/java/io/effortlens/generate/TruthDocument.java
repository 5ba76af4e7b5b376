package io.effortlens.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Builds truth.json: generator version, options, the planted defection model with exact driver
 * definitions, driver and family contributions, their planted value per month start as train
 * reports them (driver_effects_by_month), the delight effect, the achieved calibration and the
 * relative paths of the extracts and the per-customer truth table. No wall-clock values.
 */
final class TruthDocument {
  static final String VERSION = "1.0.0";
  static final String MONTHLY_PROBABILITIES = "truth/monthly_probabilities";
  static final String TRUTH_TABLE_GRAIN =
      "one row per customer and simulated month in which the customer is active at month_start"
          + " (customer_id, month_start, p_defect = planted hazard, defected = CANCEL in that"
          + " month); months before signup or after a cancellation have no row";

  private TruthDocument() {}

  static String toJson(
      GeneratorOptions options,
      GeneratorResult result,
      Map<String, Object> months,
      List<Row> horizons,
      Row shares) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generator", "effortlens-generate");
    json.put("generator_version", VERSION);
    json.put("options", options(options));
    json.put("paths", paths());
    json.put("truth_table", MONTHLY_PROBABILITIES);
    json.put("truth_table_grain", TRUTH_TABLE_GRAIN);
    json.put("counts", counts(result, months));
    json.put("defection_model", DefectionModelJson.model());
    json.put("driver_contributions", new DriverContributions(months).toJson());
    json.put("driver_effects_by_month", new DriverEffectsByMonth(horizons, months).toJson());
    json.put("delight_effect", DefectionModelJson.delight(months));
    json.put("delight_effect_by_action", DefectionModelJson.delightByAction(months));
    json.put("calibration", calibration(shares));
    json.put("churn", churn(months));
    return write(json);
  }

  private static Map<String, Object> options(GeneratorOptions options) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("customers", options.customers());
    json.put("months", options.months());
    json.put("seed", options.seed());
    json.put("start", options.start().toString());
    json.put("end_exclusive", options.start().plusMonths(options.months()).toString());
    json.put("format", options.format().code());
    json.put("delight_rate_scale", options.delightRateScale());
    return json;
  }

  private static Map<String, Object> paths() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("contact_center", Generator.CONTACT_CENTER);
    json.put("web_events", Generator.WEB_EVENTS);
    json.put("customers", Generator.CUSTOMERS);
    json.put("monthly_probabilities", MONTHLY_PROBABILITIES);
    return json;
  }

  private static Map<String, Object> counts(GeneratorResult result, Map<String, Object> months) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("customers", result.customers());
    json.put("contact_center_records", result.contactCenterRecords());
    json.put("web_events", result.webEvents());
    json.put("customer_rows", result.customerRows());
    json.put("at_risk_customer_months", months.get(OutputFiles.ROWS));
    return json;
  }

  private static Map<String, Object> calibration(Row shares) {
    Map<String, Object> targets = new LinkedHashMap<>();
    Map<String, Object> achieved = new LinkedHashMap<>();
    for (int i = 0; i < CalibrationShares.FLAGS.length; i++) {
      String flag = CalibrationShares.FLAGS[i];
      targets.put(flag, CalibrationShares.TARGETS[i]);
      Object share = shares.getAs(flag);
      achieved.put(flag, share == null ? null : round((Double) share));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "population",
        "customer-years (calendar year of the journey's first touch) with at least one journey"
            + " that had an assisted contact; a flag is set when any such journey had it");
    json.put("customer_years", shares.getAs(CalibrationShares.CUSTOMER_YEARS));
    json.put("targets", targets);
    json.put("achieved", achieved);
    return json;
  }

  private static Map<String, Object> churn(Map<String, Object> months) {
    long atRisk = (Long) months.get(OutputFiles.ROWS);
    double observed = number(months.get(DefectionTruth.DEFECTIONS));
    double expected = DefectionTruth.fromNanos(months.get(DefectionTruth.EXPECTED_DEFECTIONS));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("observed_defections", (long) observed);
    json.put("expected_defections", round(expected));
    json.put("monthly_rate_observed", round(atRisk == 0 ? 0 : observed / atRisk));
    json.put("monthly_rate_expected", round(atRisk == 0 ? 0 : expected / atRisk));
    return json;
  }

  static double number(Object value) {
    return value == null ? 0.0 : ((Number) value).doubleValue();
  }

  /** Six decimals, so the document is stable and readable. */
  static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static String write(Map<String, Object> json) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render truth.json: " + e.getMessage(), e);
    }
  }
}

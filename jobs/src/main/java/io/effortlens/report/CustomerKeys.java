package io.effortlens.report;

import io.effortlens.Problems;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.PseudonymKey;
import io.effortlens.config.Settings;
import io.effortlens.ingest.Pseudonyms;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The customer key of BI tables with customer-level rows: HMAC-SHA256 of customer_id with the
 * secret from {@value ConfigLoader#PSEUDONYM_KEY_ENV} (64 hex characters, stable for a key), or the
 * raw id only when the operator allowed it ({@code --allow-raw-ids}, for local demos).
 *
 * <p>Usage: {@code CustomerKeys keys = CustomerKeys.from(ctx.settings(), allowRawIds,
 * "customer_risk"); rows = keys.withCustomerKey(rows, "customer_id");} The key never leaves the
 * UDF's closure: {@link #toString()} and {@link #method()} name the method, never the secret.
 */
public final class CustomerKeys {
  /** The column BI tables carry instead of customer_id. */
  public static final String CUSTOMER_KEY = "customer_key";

  /** {@link #method()} values. */
  public static final String HMAC_SHA256 = "hmac-sha256";

  public static final String RAW = "raw";

  private final PseudonymKey key;

  private CustomerKeys(PseudonymKey key) {
    this.key = key;
  }

  /**
   * Keys for publishing {@code output}. Without a secret this fails (exit 2, naming the variable
   * and --allow-raw-ids) unless {@code allowRawIds}; with a secret the keys are always pseudonyms.
   */
  public static CustomerKeys from(Settings settings, boolean allowRawIds, String output) {
    Optional<PseudonymKey> key = settings.pseudonymKey();
    if (key.isEmpty() && !allowRawIds) {
      throw Problems.pseudonymKeyRequired(output, ConfigLoader.PSEUDONYM_KEY_ENV);
    }
    return new CustomerKeys(key.orElse(null));
  }

  /** {@value #HMAC_SHA256} or {@value #RAW}, for logs and the runs table. */
  public String method() {
    return key == null ? RAW : HMAC_SHA256;
  }

  public boolean isPseudonymous() {
    return key != null;
  }

  /** The customer key of a customer_id column (null stays null). */
  public Column keyOf(Column customerId) {
    return key == null ? customerId.cast("string") : Pseudonyms.hmacSha256(customerId, key);
  }

  /** Replaces {@code idColumn} by {@link #CUSTOMER_KEY} in the same position. */
  public Dataset<Row> withCustomerKey(Dataset<Row> rows, String idColumn) {
    Column[] columns =
        java.util.Arrays.stream(rows.columns())
            .map(
                c ->
                    c.equals(idColumn)
                        ? keyOf(functions.col(c)).as(CUSTOMER_KEY)
                        : functions.col(c))
            .toArray(Column[]::new);
    return rows.select(columns);
  }

  @Override
  public String toString() {
    return "CustomerKeys[" + method() + "]";
  }
}

package io.effortlens.ingest;

import io.effortlens.config.PseudonymKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Pseudonyms: HMAC-SHA256 of a text with the secret {@link PseudonymKey}, as 64 lower-case hex
 * characters. Same key and value give the same pseudonym in every run; another key gives another.
 *
 * <p>Why a UDF, against the house rule of built-in functions: Spark has {@code sha2} but no HMAC.
 * HMAC could be composed of built-ins ({@code sha2(concat(k ^ opad, unhex(sha2(concat(k ^ ipad,
 * v)))))} with the XORs computed on the driver), and a salted {@code sha2(concat(key, v))} is
 * shorter still, but both put the key (or key ^ pad, which is the key) into the query plan as a
 * literal, and plans are shown in the Spark UI, written to event logs and quoted in error messages.
 * This small, deterministic UDF keeps the key inside its serialized closure, and is a real HMAC
 * (not open to length extension), the same function the gold tables' customer keys use.
 */
public final class Pseudonyms {
  private static final String ALGORITHM = "HmacSHA256";

  private Pseudonyms() {}

  /** HMAC-SHA256 hex of the column's text (UTF-8); null stays null. */
  public static Column hmacSha256(Column text, PseudonymKey key) {
    UserDefinedFunction hmac =
        functions.udf(new Hmac(key.bytes()), DataTypes.StringType).withName("hmac_sha256");
    return hmac.apply(text.cast("string"));
  }

  /** The same HMAC on the driver, for tests and small lookups. */
  public static String hmacSha256(String text, PseudonymKey key) {
    return new Hmac(key.bytes()).call(text);
  }

  private static final class Hmac implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final byte[] key;

    Hmac(byte[] key) {
      this.key = key;
    }

    @Override
    public String call(String value) {
      if (value == null) {
        return null;
      }
      try {
        // a Mac per call: tasks may share the deserialized function across threads
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
      }
    }

    @Override
    public String toString() {
      return "hmac_sha256";
    }
  }
}

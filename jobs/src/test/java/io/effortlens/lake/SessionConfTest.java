package io.effortlens.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Lake#withSessionConf} (and {@link SparkSessions#withConf} under it): the changed setting
 * holds inside the body only; a value the user configured comes back afterwards, also when the body
 * fails, and an unset one stays unset.
 */
@ExtendWith(SparkSessionExtension.class)
class SessionConfTest {
  private static final String KEY = "spark.effortlens.test.sessionConf";

  @Test
  void restoresTheUsersValueAfterTheBodyAndAfterAFailure(SparkSession spark) {
    Lake lake = Lake.at(spark, TestLakes.tempDir("lake").toString());
    spark.conf().set(KEY, "users");
    try {
      assertEquals("inside", lake.withSessionConf(KEY, "inside", () -> spark.conf().get(KEY)));
      assertEquals("users", spark.conf().get(KEY));
      assertThrows(
          IllegalStateException.class,
          () ->
              lake.withSessionConf(
                  KEY,
                  "inside",
                  () -> {
                    throw new IllegalStateException("the write failed");
                  }));
      assertEquals("users", spark.conf().get(KEY));
    } finally {
      spark.conf().unset(KEY);
    }
  }

  @Test
  void leavesAnUnsetSettingUnset(SparkSession spark) {
    Lake lake = Lake.at(spark, TestLakes.tempDir("lake").toString());
    assertEquals("inside", lake.withSessionConf(KEY, "inside", () -> spark.conf().get(KEY)));
    assertFalse(spark.conf().getOption(KEY).isDefined());
  }
}

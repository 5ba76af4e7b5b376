package io.effortlens.generate;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** Renders a customer's profile as the CRM extract row; {@code signup_date} is the first signup. */
final class CustomerRows {
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("customer_ref", StringType, false),
              createStructField("signup_date", StringType, false),
              createStructField("plan", StringType, false),
              createStructField("monthly_fee", DoubleType, false),
              createStructField("segment", StringType, false),
              createStructField("region", StringType, false),
              createStructField("contract", StringType, false),
              createStructField("full_name", StringType, false),
              createStructField("email", StringType, false),
              createStructField("phone", StringType, false)));

  private CustomerRows() {}

  static List<Row> of(CustomerHistory history) {
    CustomerProfile p = history.profile;
    return List.of(
        RowFactory.create(
            p.customerRef(),
            p.signupDate().toString(),
            p.plan().code(),
            p.monthlyFee(),
            p.segment(),
            p.region(),
            p.contract(),
            p.fullName(),
            p.email(),
            p.phone()));
  }
}

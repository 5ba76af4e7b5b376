package io.effortlens.generate;

import java.time.LocalDate;

/**
 * One simulated customer as drawn at first signup, plus the latent traits that drive behaviour
 * (issue proneness, usage rates, NPS disposition). Only the first group reaches the extracts.
 */
record CustomerProfile(
    long index,
    String customerRef,
    LocalDate signupDate,
    Plan plan,
    double monthlyFee,
    String segment,
    String region,
    String contract,
    String fullName,
    String email,
    String phone,
    String platform,
    double issueMultiplier,
    double loginRate,
    double playRate,
    double purchaseRate,
    double disposition) {

  boolean isAnnual() {
    return "annual".equals(contract);
  }

  boolean isSmallBusiness() {
    return "small_business".equals(segment);
  }

  String firstName() {
    return fullName.substring(0, fullName.indexOf(' '));
  }

  /** Customer reference {@code C} + 7-digit zero-padded index. */
  static String customerRef(long index) {
    return "C" + Ids.pad(index, 7);
  }
}

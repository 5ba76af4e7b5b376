package io.effortlens.generate;

import java.util.Locale;

/** Subscription plans with their list price per month. */
enum Plan {
  BASIC(9.99),
  STANDARD(14.99),
  PREMIUM(19.99);

  private final double listPrice;

  Plan(double listPrice) {
    this.listPrice = listPrice;
  }

  double listPrice() {
    return listPrice;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  Plan up() {
    return this == BASIC ? STANDARD : PREMIUM;
  }

  Plan down() {
    return this == PREMIUM ? STANDARD : BASIC;
  }
}

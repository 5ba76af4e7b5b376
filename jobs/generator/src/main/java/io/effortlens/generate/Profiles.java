package io.effortlens.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Draws a customer's profile and fake but realistic-looking personal fields. */
final class Profiles {
  private static final String[] FIRST_NAMES = {
    "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Karla",
    "Liam", "Mia", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera",
    "Will", "Xenia", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Diego", "Elif", "Finn", "Hannah",
    "Ivan", "Julia", "Kenji", "Lena", "Marco", "Nora", "Oscar"
  };
  private static final String[] LAST_NAMES = {
    "Adams", "Becker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hoffmann", "Ito", "Jensen",
    "Kowalski", "Lopez", "Meyer", "Nowak", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Torres",
    "Usman", "Vogel", "Weber", "Xu", "Yilmaz", "Zimmer", "Brown", "Clarke", "Novak", "Silva"
  };
  private static final String[] DOMAINS = {
    "example.com", "example.net", "example.org", "mail.example", "inbox.example"
  };
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final String[] PLATFORMS = {"web", "ios", "android"};
  private static final double SIGNUP_DURING_SHARE = 0.12;

  private Profiles() {}

  static CustomerProfile draw(long index, Horizon horizon, SplittableRandom rng) {
    Plan plan = Plan.values()[pick(rng.nextDouble(), 0.45, 0.35)];
    String contract = rng.nextDouble() < 0.35 ? "annual" : "monthly";
    String first = FIRST_NAMES[rng.nextInt(FIRST_NAMES.length)];
    String last = LAST_NAMES[rng.nextInt(LAST_NAMES.length)];
    return new CustomerProfile(
        index,
        CustomerProfile.customerRef(index),
        signupDate(horizon, rng),
        plan,
        fee(plan, contract, rng),
        rng.nextDouble() < 0.15 ? "small_business" : "consumer",
        REGIONS[rng.nextInt(REGIONS.length)],
        contract,
        first + " " + last,
        email(first, last, rng),
        phone(rng),
        PLATFORMS[pick(rng.nextDouble(), 0.45, 0.30)],
        Math.exp(0.7 * rng.nextGaussian() - 0.245),
        Math.exp(0.5 * rng.nextGaussian()) * 3.0,
        rng.nextDouble() < 0.15 ? 0.0 : Math.exp(0.6 * rng.nextGaussian()) * 5.0,
        rng.nextDouble() * 0.4,
        7.0 + 1.5 * rng.nextGaussian());
  }

  /** 0, 1 or 2 for a uniform draw against two cumulative cut points. */
  private static int pick(double u, double first, double second) {
    return u < first ? 0 : (u < first + second ? 1 : 2);
  }

  private static LocalDate signupDate(Horizon horizon, SplittableRandom rng) {
    if (rng.nextDouble() < SIGNUP_DURING_SHARE) {
      int days = Math.max(1, horizon.days() - 20);
      return horizon.start().plusDays(rng.nextInt(days));
    }
    return horizon.start().minusDays(30 + rng.nextInt(6 * 365));
  }

  private static double fee(Plan plan, String contract, SplittableRandom rng) {
    double discount = pick(rng.nextDouble(), 0.7, 0.2) * 0.1;
    double annual = "annual".equals(contract) ? 0.85 : 1.0;
    return Math.round(plan.listPrice() * (1 - discount) * annual * 100.0) / 100.0;
  }

  private static String email(String first, String last, SplittableRandom rng) {
    String user = (first + "." + last).toLowerCase(java.util.Locale.ROOT);
    return user + Ids.pad(rng.nextInt(100), 2) + "@" + DOMAINS[rng.nextInt(DOMAINS.length)];
  }

  /** Numbers from ranges reserved for fiction (+1 nnn-555-01xx, +44 7700 900xxx). */
  private static String phone(SplittableRandom rng) {
    if (rng.nextBoolean()) {
      return "+1-" + (201 + rng.nextInt(780)) + "-555-01" + Ids.pad(rng.nextInt(100), 2);
    }
    return "+44 7700 900" + Ids.pad(rng.nextInt(1000), 3);
  }
}

package io.effortlens.generate;

/**
 * Where a touch of a journey happens. IVR is the front door of the phone line, so it belongs to the
 * phone family when counting channel switches; self-service covers web and app.
 */
enum Channel {
  SELF_SERVICE(0, 0, 0),
  IVR(0, 0, 0),
  PHONE(0.50, 0.36, 240),
  CHAT(0.25, 0.24, 420),
  EMAIL(0.15, 0.12, 300),
  SOCIAL(0.10, 0.15, 180);

  static final Channel[] ASSISTED = {PHONE, CHAT, EMAIL, SOCIAL};

  private final double firstChoice;
  private final double transferRate;
  private final double meanTalkSeconds;

  Channel(double firstChoice, double transferRate, double meanTalkSeconds) {
    this.firstChoice = firstChoice;
    this.transferRate = transferRate;
    this.meanTalkSeconds = meanTalkSeconds;
  }

  /** The channel family used for switch counting. */
  Channel family() {
    return this == IVR ? PHONE : this;
  }

  double firstChoice() {
    return firstChoice;
  }

  double transferRate() {
    return transferRate;
  }

  double meanTalkSeconds() {
    return meanTalkSeconds;
  }
}

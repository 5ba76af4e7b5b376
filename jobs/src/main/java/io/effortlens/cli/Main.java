package io.effortlens.cli;

/** Entry point of the application jar ({@code spark-submit --class io.effortlens.cli.Main}). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CliLogging.replaceSparkDefaults();
    System.exit(EffortLensCommand.execute(args));
  }
}

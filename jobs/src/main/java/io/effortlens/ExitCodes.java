package io.effortlens;

/** Process exit codes of every {@code effortlens} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An unexpected failure (a bug or an environment fault); the log has the stack trace. */
  public static final int FAILURE = 1;

  /** Bad command line or configuration; the message names the key, file or line. */
  public static final int USAGE = 2;

  /** A data-quality gate failed; nothing was published. */
  public static final int QUALITY_GATE = 3;

  /** An input path matched no file. */
  public static final int INPUT_NOT_FOUND = 4;

  private ExitCodes() {}
}

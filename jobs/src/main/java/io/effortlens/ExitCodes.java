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

  /**
   * A concurrent run committed to the same table first (Delta's conflict detection); nothing of
   * this run was published to that table. Retryable: rerun the command.
   */
  public static final int CONFLICT = 5;

  private ExitCodes() {}
}

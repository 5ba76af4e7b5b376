package io.effortlens;

/**
 * An operator-facing failure: bad configuration, missing input, a failed quality gate. Carries the
 * process exit code the CLI returns. Create instances through {@link Problems} only.
 */
public final class EffortLensException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  EffortLensException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code the CLI returns for this failure (see {@link ExitCodes}). */
  public int exitCode() {
    return exitCode;
  }
}

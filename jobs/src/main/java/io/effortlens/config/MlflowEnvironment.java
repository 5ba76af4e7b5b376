package io.effortlens.config;

import java.util.Map;

/**
 * The MLflow client variables of the environment, as the MLflow clients name them, read by {@link
 * ConfigLoader#mlflowEnvironment()} only; a blank value counts as unset where it is used. The token
 * and password never print: {@link #toString()} shows whether they are set, not their values.
 *
 * @param trackingUri {@value #URI_VARIABLE}
 * @param experiment {@value #EXPERIMENT_VARIABLE}
 * @param token {@value #TOKEN_VARIABLE}
 * @param username {@value #USERNAME_VARIABLE}
 * @param password {@value #PASSWORD_VARIABLE}
 */
public record MlflowEnvironment(
    String trackingUri, String experiment, String token, String username, String password) {
  public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";
  public static final String EXPERIMENT_VARIABLE = "MLFLOW_EXPERIMENT_NAME";
  public static final String TOKEN_VARIABLE = "MLFLOW_TRACKING_TOKEN";
  public static final String USERNAME_VARIABLE = "MLFLOW_TRACKING_USERNAME";
  public static final String PASSWORD_VARIABLE = "MLFLOW_TRACKING_PASSWORD";

  /** No variable set: training runs without tracking unless an option names a server. */
  public static final MlflowEnvironment NONE = new MlflowEnvironment(null, null, null, null, null);

  /** The variables of {@code environment} (the process's, or a test's map). */
  public static MlflowEnvironment of(Map<String, String> environment) {
    return new MlflowEnvironment(
        environment.get(URI_VARIABLE),
        environment.get(EXPERIMENT_VARIABLE),
        environment.get(TOKEN_VARIABLE),
        environment.get(USERNAME_VARIABLE),
        environment.get(PASSWORD_VARIABLE));
  }

  @Override
  public String toString() {
    return "MlflowEnvironment[trackingUri="
        + trackingUri
        + ", experiment="
        + experiment
        + ", token="
        + (token == null ? "unset" : "redacted")
        + ", username="
        + username
        + ", password="
        + (password == null ? "unset" : "redacted")
        + "]";
  }
}

package io.effortlens;

import java.util.Collection;
import java.util.List;

/**
 * The one factory of operator-facing failures. Every message says what could not be done, why, and
 * how to fix it: "Cannot X: why (detail). Fix: how".
 */
public final class Problems {
  private Problems() {}

  private static EffortLensException of(int code, String what, String why, String fix) {
    return new EffortLensException(code, "Cannot " + what + ": " + why + ". Fix: " + fix, null);
  }

  private static EffortLensException of(
      int code, String what, String why, String fix, Throwable cause) {
    return new EffortLensException(code, "Cannot " + what + ": " + why + ". Fix: " + fix, cause);
  }

  public static EffortLensException unknownConfigKey(String key, String where, String closest) {
    String hint = closest == null ? "" : " (did you mean '" + closest + "'?)";
    return of(
        ExitCodes.USAGE,
        "load configuration",
        "unknown key '" + key + "' in " + where + hint,
        "use one of the keys listed in docs/reference/configuration.md, or remove it");
  }

  public static EffortLensException badConfigValue(
      String key, String where, Object value, String expected) {
    return of(
        ExitCodes.USAGE,
        "load configuration",
        "key '" + key + "' in " + where + " has value '" + value + "', expected " + expected,
        "set '" + key + "' to " + expected);
  }

  public static EffortLensException pseudonymKeyMissing(String variable, String modeKey) {
    return of(
        ExitCodes.USAGE,
        "load configuration",
        "'" + modeKey + "' is 'hash' but the environment variable " + variable + " is not set",
        "export "
            + variable
            + " with a secret of at least 16 characters (keep it in a secret store, never in"
            + " the config file), or set '"
            + modeKey
            + "' to drop");
  }

  public static EffortLensException pseudonymKeyTooShort(String variable, int minLength) {
    return of(
        ExitCodes.USAGE,
        "load configuration",
        "the environment variable " + variable + " holds fewer than " + minLength + " characters",
        "set " + variable + " to a random secret of at least " + minLength + " characters");
  }

  public static EffortLensException yamlSyntax(String file, int line, int column, String detail) {
    return of(
        ExitCodes.USAGE,
        "parse YAML file " + file,
        "syntax error at line " + line + ", column " + column + " (" + detail + ")",
        "correct the YAML at that line (indentation with spaces, 'key: value' pairs, quoted"
            + " expressions)");
  }

  public static EffortLensException fileNotFound(String what, String path, String fix) {
    return of(ExitCodes.INPUT_NOT_FOUND, "read " + what, "no file at '" + path + "'", fix);
  }

  public static EffortLensException configNotFound(String path) {
    return of(
        ExitCodes.USAGE,
        "load configuration",
        "no file at '" + path + "'",
        "pass --conf with an existing YAML file, or leave it out to use conf/effortlens.yaml");
  }

  public static EffortLensException badSetOption(String option) {
    return of(
        ExitCodes.USAGE,
        "apply --set " + option,
        "it is not of the form key=value",
        "write it as --set ingest.max-quarantine-ratio=0.1");
  }

  public static EffortLensException mappingInvalid(String file, String why, String fix) {
    return of(ExitCodes.USAGE, "use mapping file " + file, why, fix);
  }

  public static EffortLensException mappingExpression(
      String file, String column, String expression, String detail, Throwable cause) {
    return of(
        ExitCodes.USAGE,
        "use mapping file " + file,
        "the expression for '"
            + column
            + "' does not work: \""
            + expression
            + "\" ("
            + firstLine(detail)
            + ")",
        "write a Spark SQL expression over the raw columns; test it with"
            + " spark.sql(\"SELECT <expression> FROM raw\")",
        cause);
  }

  public static EffortLensException rawFieldsNeverSeen(
      String file, String source, List<String> fields, int files, List<String> rawColumns) {
    return of(
        ExitCodes.USAGE,
        "use mapping file " + file,
        "it names raw field(s) "
            + quoted(fields)
            + " that none of the "
            + files
            + " file(s) of this run has and no earlier ingest of source '"
            + source
            + "' recorded (raw columns: "
            + String.join(", ", rawColumns)
            + ")",
        "check the name; if the field is optional and no delivery so far had it, declare the raw"
            + " records' schema under 'schema:' in the mapping, so that an absent field reads as"
            + " null");
  }

  public static EffortLensException mappingNotFound(String name, Collection<String> searched) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "find source mapping '" + name + "'",
        "no mapping file at " + String.join(" or ", searched),
        "pass --source with a file name under conf/sources (without .yaml) or a path to a"
            + " mapping file");
  }

  public static EffortLensException inputNotFound(String path) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "read input",
        "the path '" + path + "' matches no file",
        "check the path or glob; folders, globs and Hadoop URIs (s3a://, abfss://, hdfs://) are"
            + " accepted");
  }

  public static EffortLensException inputEmpty(List<String> paths) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "read input",
        "the paths " + paths + " hold only empty files",
        "point --input at files that contain records");
  }

  public static EffortLensException inputNotUtf8(String file, String encoding) {
    return of(
        ExitCodes.USAGE,
        "read input " + file,
        "it is encoded in "
            + encoding
            + ", not UTF-8 (it starts with a byte-order mark or zero bytes)",
        "convert it (iconv -f "
            + encoding
            + " -t UTF-8), or for JSON lines declare it in the"
            + " mapping: options: {encoding: "
            + encoding
            + "}");
  }

  public static EffortLensException inputNotCsv(String file) {
    return of(
        ExitCodes.USAGE,
        "read input " + file + " as CSV",
        "its first line starts with '{' or '[', so it is JSON, not a CSV header",
        "give JSON files to a source whose mapping has format: json, and keep them out of the CSV"
            + " source's --input folders");
  }

  public static EffortLensException csvWithoutHeader(List<String> files) {
    return of(
        ExitCodes.USAGE,
        "read CSV input " + files,
        "every file is empty, so no header names the columns the mapping uses",
        "declare the raw columns with 'schema:' in the mapping, so that an empty delivery reads as"
            + " 0 records");
  }

  public static EffortLensException qualityGateFailed(String runId, String detail) {
    return of(
        ExitCodes.QUALITY_GATE,
        "publish run " + runId,
        "the data-quality gate failed (" + detail + ")",
        "inspect the 'quarantine' and 'quality_results' tables for this run_id, fix the mapping or"
            + " the source, or raise the threshold with --set if the data is known to be dirty");
  }

  public static EffortLensException tableMissing(String table, String path, String fix) {
    return of(
        ExitCodes.INPUT_NOT_FOUND, "read table '" + table + "'", "no Delta table at " + path, fix);
  }

  public static EffortLensException confFileInvalid(String file, String why, String fix) {
    return of(ExitCodes.USAGE, "read " + file, why, fix);
  }

  public static EffortLensException noModel(String lake, String why) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "score with the current model of " + lake,
        why,
        "run 'effortlens train' first (it publishes a model to model_registry)");
  }

  public static EffortLensException rawIdsRefused(String variable, String what) {
    return of(
        ExitCodes.USAGE,
        "publish " + what,
        "BI tables carry pseudonymous customer keys and " + variable + " is not set",
        "set "
            + variable
            + " to a secret of at least 16 characters, or pass --allow-raw-ids for a"
            + " local demo");
  }

  public static EffortLensException badArgument(String option, String value, String expected) {
    return of(
        ExitCodes.USAGE,
        "use " + option + " " + value,
        "expected " + expected,
        "pass " + option + " as " + expected);
  }

  public static EffortLensException columnsMissing(
      String what, String table, List<String> missing, String fix) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        what,
        "'" + table + "' lacks the column(s) " + String.join(", ", missing),
        fix);
  }

  public static EffortLensException pseudonymKeyRequired(String output, String variable) {
    return of(
        ExitCodes.USAGE,
        "publish " + output,
        "it holds customer-level rows and the environment variable "
            + variable
            + " is not set, so customers could only be keyed by their raw ids",
        "export "
            + variable
            + " with a secret of at least 16 characters, or pass --allow-raw-ids for a local demo");
  }

  public static EffortLensException badCatalogDatabase(String key, String value) {
    return of(
        ExitCodes.USAGE,
        "register the gold tables",
        "'" + key + "' is '" + value + "', not a plain identifier",
        "set '"
            + key
            + "' to letters, digits and underscores (e.g. effortlens), or to '' to skip"
            + " catalog registration");
  }

  public static EffortLensException mlflowUnreachable(String uri, Throwable cause) {
    return of(
        ExitCodes.FAILURE,
        "reach the MLflow tracking server at " + uri,
        firstLine(String.valueOf(cause)),
        "start the server (mlflow server --host 127.0.0.1 --port 5000), check --mlflow-uri or"
            + " MLFLOW_TRACKING_URI, or leave both unset to train without tracking",
        cause);
  }

  public static EffortLensException mlflowRequestFailed(String endpoint, int status, String body) {
    return of(
        ExitCodes.FAILURE,
        "call MLflow " + endpoint,
        "the server answered HTTP " + status + " (" + firstLine(body) + ")",
        "check the server's log and version (REST API 2.0) and the credentials in"
            + " MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD");
  }

  public static EffortLensException mlflowArtifactsNotProxied(String runId, String artifactUri) {
    return of(
        ExitCodes.FAILURE,
        "upload artifacts of MLflow run " + runId,
        "the run's artifact location " + artifactUri + " is not served by the tracking server",
        "start the server with --serve-artifacts (the default) and an --artifacts-destination,"
            + " so that new runs get an mlflow-artifacts: location");
  }

  public static EffortLensException concurrentWrite(
      String table, String path, String conflict, Throwable cause) {
    return of(
        ExitCodes.CONFLICT,
        "write table '" + table + "' at " + path,
        "another run committed to it at the same time and Delta's conflict detection rejected this"
            + " run's commit ("
            + firstLine(conflict)
            + "); nothing of this run was published to '"
            + table
            + "'",
        "rerun the command (it is idempotent: the rerun completes the work without duplicates),"
            + " or schedule runs that write the same table one after the other",
        cause);
  }

  /**
   * A table folder whose Delta log holds no commit after waiting: another run is creating the table
   * right now, or a run that was creating it was killed before its first commit.
   */
  public static EffortLensException tableBeingCreated(
      String table, String path, long waitedMillis, Throwable cause) {
    return of(
        ExitCodes.CONFLICT,
        "write table '" + table + "' at " + path,
        "its _delta_log holds no commit yet after "
            + waitedMillis
            + " ms (DELTA_TABLE_NOT_FOUND): another run is creating the table, or a run that was"
            + " creating it was killed before its first commit; nothing of this run was published"
            + " to '"
            + table
            + "'",
        "rerun the command once the other run has finished; if no other run is writing the lake,"
            + " delete "
            + path
            + " (it holds no committed data) and rerun",
        cause);
  }

  public static EffortLensException storageFull(
      String table, String path, String detail, Throwable cause) {
    return of(
        ExitCodes.FAILURE,
        "write table '" + table + "' at " + path,
        "the storage is full (" + firstLine(detail) + "); the table still holds its last version",
        "free space on the lake's storage (or raise its quota) and rerun the command",
        cause);
  }

  public static EffortLensException lakeNotWritable(
      String table, String path, String detail, Throwable cause) {
    return of(
        ExitCodes.FAILURE,
        "write table '" + table + "' at " + path,
        "the lake is not writable (" + firstLine(detail) + ")",
        "pass --lake with a folder this user may write (a directory, not a file), or fix the"
            + " permissions of the lake root, and rerun the command",
        cause);
  }

  public static EffortLensException tableCorrupt(
      String table, String path, String detail, Throwable cause) {
    return of(
        ExitCodes.FAILURE,
        "read table '" + table + "' at " + path,
        "its Delta log is damaged (" + firstLine(detail) + ")",
        "restore the damaged file under "
            + path
            + "/_delta_log from a backup or the storage's versioning; if the newest commit file is"
            + " the damaged one, remove it to go back one version; then rerun the command",
        cause);
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("', '", names) + "'";
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }

  public static EffortLensException notEnoughSnapshots(int found, int needed, Object before) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "train the defection model",
        "found "
            + found
            + " fully observed labelled snapshot(s)"
            + (before == null ? "" : " with a horizon ending by " + before)
            + ", need at least "
            + needed
            + " (test plus two training snapshots whose horizon ends before the test)",
        "run 'effortlens features --snapshots monthly --from D1 --to D2' over a longer range,"
            + " lower train.test-snapshots, or move --as-of later");
  }

  /**
   * Explicit --snapshots dates of {@code pipeline} from which train cannot plan its backtest.
   *
   * @param observed the dates whose label horizon ends by the score date
   * @param firstTest the first test date, or null when there are fewer observed dates than tests
   * @param training the observed dates whose horizon ends by the first test date
   */
  public static EffortLensException notEnoughSnapshotDates(
      List<?> dates,
      int horizonDays,
      Object scoreDate,
      int testSnapshots,
      List<?> observed,
      Object firstTest,
      List<?> training) {
    String by = scoreDate == null ? "" : " by the score date " + scoreDate;
    String found =
        "of the dates given, "
            + observed.size()
            + " have their horizon end"
            + by
            + (observed.isEmpty() ? "" : " (" + joined(observed) + ")")
            + (firstTest == null
                ? ""
                : ", " + training.size() + " of them also by the first test date " + firstTest);
    return of(
        ExitCodes.USAGE,
        "train on --snapshots " + joined(dates),
        "train tests on the latest "
            + testSnapshots
            + " date(s) whose "
            + horizonDays
            + "-day label horizon ends"
            + by
            + " (train.test-snapshots) and fits on at least 2 earlier dates whose horizon ends by"
            + " the first test date, so it needs "
            + (testSnapshots + 2)
            + " dates at least "
            + horizonDays
            + " days apart; "
            + found,
        "pass at least "
            + (testSnapshots + 2)
            + " dates "
            + horizonDays
            + " or more days apart (e.g. quarter starts for a 90-day horizon), the latest test"
            + " date "
            + horizonDays
            + " or more days before the score date (--as-of); or lower labels.horizon-days or"
            + " train.test-snapshots");
  }

  private static String joined(List<?> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  public static EffortLensException truthUnreadable(String path, String why) {
    return of(
        ExitCodes.INPUT_NOT_FOUND,
        "compute the oracle AUC",
        "the truth file " + path + " cannot be used (" + why + ")",
        "pass --truth with the truth.json written by 'effortlens generate', or leave it out");
  }
}

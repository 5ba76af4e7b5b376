package io.effortlens.lake;

import io.effortlens.config.Settings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command run: its id, start instant (the only "now" any stage sees), arguments, settings and
 * lake, plus the row counts stages report as they go (written to the {@code runs} table).
 */
public final class RunContext {
  private final String runId;
  private final Instant startedAt;
  private final String command;
  private final List<String> arguments;
  private final Settings settings;
  private final Lake lake;
  private final Map<String, Long> rowCounts = new LinkedHashMap<>();

  public RunContext(
      String runId,
      Instant startedAt,
      String command,
      List<String> arguments,
      Settings settings,
      Lake lake) {
    this.runId = runId;
    this.startedAt = startedAt;
    this.command = command;
    this.arguments = List.copyOf(arguments);
    this.settings = settings;
    this.lake = lake;
  }

  public String runId() {
    return runId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public String command() {
    return command;
  }

  public List<String> arguments() {
    return arguments;
  }

  public Settings settings() {
    return settings;
  }

  public Lake lake() {
    return lake;
  }

  /** Records a row count under a name such as {@code interactions.accepted}. */
  public synchronized void count(String name, long rows) {
    rowCounts.put(name, rows);
  }

  public synchronized Map<String, Long> rowCounts() {
    return Map.copyOf(rowCounts);
  }
}

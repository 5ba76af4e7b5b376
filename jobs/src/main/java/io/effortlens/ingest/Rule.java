package io.effortlens.ingest;

import org.apache.spark.sql.Column;

/**
 * One validation rule: a reason code, the condition under which a row fails it, and the message (a
 * string column naming the offending value).
 */
public record Rule(String code, Column fails, Column message) {}

package io.effortlens.cli;

import picocli.CommandLine;

/** The version baked into the jar at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "effortlens " + io.effortlens.Version.current(),
      "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + Runtime.version()
    };
  }
}

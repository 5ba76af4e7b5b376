package io.effortlens.cli;

/**
 * A subcommand of {@code effortlens} that another jar on the classpath adds, found with {@link
 * java.util.ServiceLoader} through a {@code META-INF/services/io.effortlens.cli.CommandPlugin}
 * file. The product names none of them: the data generator ({@code effortlens generate}, module
 * {@code jobs/generator}) is one, present when the launcher puts its jar beside the application
 * jar, absent from the cluster jar.
 *
 * <p>An implementation is public, has a public no-argument constructor (ServiceLoader's contract)
 * and is loaded afresh for each command line.
 */
public interface CommandPlugin {
  /**
   * The picocli command to add under the root: an object of a class annotated with
   * {@code @Command(name = ...)}, whose name is the subcommand's. It may declare a
   * {@code @ParentCommand EffortLensCommand} field for the global options.
   */
  Object command();
}

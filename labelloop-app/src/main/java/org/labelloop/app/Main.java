package org.labelloop.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code labelloop} command line: one subcommand per task, each in its own class. */
@Command(
    name = "labelloop",
    mixinStandardHelpOptions = true,
    version = "Labelloop 0.1.0",
    description = "Self-hosted, ML-assisted data labeling.",
    subcommands = {
      // each helper/feature registers its subcommand class here
      org.labelloop.app.learn.SimulateCommand.class,
      org.labelloop.app.learn.AutomlCommand.class,
      ServeCommand.class,
      org.labelloop.app.cli.ImportCommand.class,
      org.labelloop.app.cli.ExportCommand.class,
      org.labelloop.app.cli.ExportModelCommand.class,
      org.labelloop.app.cli.UsersCommand.class,
      org.labelloop.app.cli.KeysCommand.class,
      org.labelloop.app.cli.QueueBenchCommand.class,
      org.labelloop.app.cli.VersionsCommand.class,
      org.labelloop.app.cli.BackupCommand.class,
      org.labelloop.app.cli.RestoreCommand.class,
      org.labelloop.app.ner.TrainCommand.class,
      org.labelloop.app.quality.FindLabelErrorsCommand.class,
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    OrderlyExit.install();
    System.exit(commandLine().execute(args));
  }

  /** The command line, with failures shown as one line on stderr (the stack trace goes to the log at debug level). */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
          cmd.getErr().println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + (e.getCause() != null && e.getCause() != e ? " (" + e.getCause().getMessage() + ")" : ""));
          return 1;
        });
  }
}

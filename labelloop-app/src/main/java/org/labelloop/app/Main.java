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
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}

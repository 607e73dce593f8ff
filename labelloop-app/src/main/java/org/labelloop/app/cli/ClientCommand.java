package org.labelloop.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to a running server; a {@link CliException} becomes one line on stderr and exit code 1. */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ClientOptions server;

  @Override
  public final Integer call() throws Exception {
    try {
      run(server.client());
      return 0;
    } catch (CliException e) {
      Progress.endOpenLine(System.err);
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }

  abstract void run(ApiClient api) throws Exception;

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}

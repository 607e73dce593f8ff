package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python SDK as a user installs it: a venv with {@code --system-site-packages} (Debian's pandas), an offline
 * {@code pip install --no-index --no-build-isolation} of {@code clients/python}, then its unittest suite (notebook
 * scenario, error cases, 10,000-asset pagination, the Kili recipe in {@code examples/}) against a real server on a
 * random port. Skipped with a message when the machine has no Python 3 with venv; {@code .ci/run} installs it.
 */
class PythonSdkIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void sdkSuitePassesAgainstARealServer() throws Exception {
    Path source = work.resolve("sdk");
    Path py = venvWithTheSdk(source, "--system-site-packages");
    boolean pandas = run(List.of(py.toString(), "-c", "import pandas"), work, Map.of(), 60).exit() == 0;

    Path data = work.resolve("data");
    try (LabelloopApp app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false),
        new PrintStream(new ByteArrayOutputStream()))) {
      Map<String, String> env = Map.of("LABELLOOP_URL", "http://127.0.0.1:" + app.port(), "LABELLOOP_API_KEY", app.adminApiKey(),
          "LABELLOOP_EXAMPLES", ROOT.resolve("examples").toString());
      Run tests = run(List.of(py.toString(), "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."), source, env, 900);
      String out = tests.output();
      System.out.println(out);
      assertEquals(0, tests.exit(), "Python SDK tests failed:\n" + out);
      Matcher ran = Pattern.compile("Ran (\\d+) tests").matcher(out);
      assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 31, "the whole suite ran:\n" + out);
      if (pandas) {
        assertFalse(out.contains("skipped"), "pandas is installed, so no test may be skipped:\n" + out);
      }
    }
  }

  @Test
  void sdkInstallsOfflineIntoAVenvWithoutWheel() throws Exception {
    Path py = venvWithTheSdk(work.resolve("sdk"));
    Run imported = run(List.of(py.toString(), "-c", "import labelloop"), work, Map.of(), 60);
    assertEquals(0, imported.exit(), imported.output());
    assumeTrue(run(List.of(py.toString(), "-c", "import wheel"), work, Map.of(), 60).exit() != 0,
        "this machine's venvs come with wheel, so the install did not show that it needs none");
  }

  /**
   * A venv made by the machine's Python 3 with {@code venvOptions}, and the SDK copied to {@code source} and installed
   * into it offline; returns the venv's python. Skips the test where the machine has no Python 3 with venv.
   */
  private Path venvWithTheSdk(Path source, String... venvOptions) throws Exception {
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    assumeTrue(run(List.of(python, "-c", "import venv, ensurepip"), work, Map.of(), 60).exit() == 0,
        "no Python 3 with venv on this machine (Debian: apt-get install python3-venv python3-pandas)");
    copy(ROOT.resolve("clients/python"), source);
    Path venv = work.resolve("venv");
    List<String> make = new ArrayList<>(List.of(python, "-m", "venv"));
    make.addAll(List.of(venvOptions));
    make.add(venv.toString());
    Run made = run(make, work, Map.of(), 300);
    assertEquals(0, made.exit(), made.output());
    Path py = venv.resolve("bin/python");
    Run installed = run(List.of(py.toString(), "-m", "pip", "install", "--no-index", "--no-build-isolation", source.toString()),
        work, Map.of(), 300);
    assertEquals(0, installed.exit(), "offline install failed:\n" + installed.output());
    return py;
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("python-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p;
    try {
      p = pb.start();
    } catch (IOException notThere) {
      return new Run(127, notThere.getMessage());
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Run(124, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    Files.delete(log);
    return new Run(p.exitValue(), output);
  }

  /** Copies the package sources, leaving out what a local install or test run left behind. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        String rel = from.relativize(f).toString();
        if (rel.contains("__pycache__")) continue;
        Path target = to.resolve(rel);
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

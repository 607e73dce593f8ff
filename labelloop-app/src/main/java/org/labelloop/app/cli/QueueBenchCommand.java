package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A load generator for the labeling hot path: each client repeatedly asks {@code queue/next} and submits a label for
 * what it got, as a labeler does, and the latencies of both calls and of the pair are reported as percentiles.
 */
@Command(name = "bench-queue", mixinStandardHelpOptions = true,
    description = "Load-test queue/next + label submit with concurrent clients against a running server.")
public final class QueueBenchCommand extends ClientCommand {
  @Option(names = "--project", required = true, description = "Project id (a classification project with TODO assets).")
  String project;

  @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "30", description = "Duration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--think-ms", defaultValue = "0",
      description = "Pause after each label, as a person reading the next item (default: ${DEFAULT-VALUE}: closed loop, "
          + "each client fires again at once, which measures saturation rather than what a labeler waits).")
  int thinkMs;

  @Override
  void run(ApiClient api) throws Exception {
    ObjectNode answer = answerFor(api.get("/api/v1/projects/" + enc(project)).path("jsonInterface"));
    List<long[]> perClient = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    System.err.printf("bench-queue: %d clients, think time %d ms, for %d s on project %s%n", clients, thinkMs, seconds, project);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> client(api, answer, end, errors)));
      }
      for (var f : futures) {
        perClient.add(f.get());
      }
    }
    long[] next = merge(perClient, 0);
    long[] submit = merge(perClient, 1);
    long[] pair = merge(perClient, 2);
    System.out.printf("requests: %d labeled assets in %d s (%.0f labels/s), %d errors%n", pair.length, seconds, pair.length / (double) seconds, errors.get());
    print("queue/next", next);
    print("submit", submit);
    print("next+submit", pair);
  }

  /** One labeler's loop; returns latencies in microseconds, interleaved as (next, submit, pair) triples. */
  private long[] client(ApiClient api, ObjectNode answer, long end, AtomicLong errors) {
    List<Long> out = new ArrayList<>();
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      HttpResponse<String> next = send(api, api.request("/api/v1/projects/" + enc(project) + "/queue/next").GET().build());
      long t1 = System.nanoTime();
      if (next == null || next.statusCode() != 200) {
        errors.incrementAndGet();
        if (next != null && next.statusCode() / 100 == 2) {
          break; // queue empty
        }
        continue;
      }
      String assetId = parse(next.body()).path("id").asText();
      ObjectNode label = ApiClient.MAPPER.createObjectNode().put("assetId", assetId).put("labelType", "DEFAULT");
      label.set("jsonResponse", answer);
      HttpResponse<String> submitted =
          send(api, api.request("/api/v1/projects/" + enc(project) + "/labels").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(label.toString())).build());
      long t2 = System.nanoTime();
      if (submitted == null || submitted.statusCode() / 100 != 2) {
        errors.incrementAndGet();
        continue;
      }
      out.addAll(List.of((t1 - t0) / 1000, (t2 - t1) / 1000, (t2 - t0) / 1000));
      if (thinkMs > 0) {
        try {
          Thread.sleep(thinkMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private static HttpResponse<String> send(ApiClient api, HttpRequest request) {
    try {
      return api.http().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static JsonNode parse(String body) {
    try {
      return ApiClient.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new CliException("unreadable queue/next response");
    }
  }

  /** A valid answer: the first category of the first classification job. */
  private static ObjectNode answerFor(JsonNode jsonInterface) {
    for (Map.Entry<String, JsonNode> job : jsonInterface.path("jobs").properties()) {
      if (job.getValue().path("mlTask").asText().equals("CLASSIFICATION")) {
        String category = job.getValue().path("content").path("categories").propertyStream().findFirst()
            .orElseThrow(() -> new CliException("job " + job.getKey() + " has no categories")).getKey();
        ObjectNode answer = ApiClient.MAPPER.createObjectNode();
        answer.putObject(job.getKey()).putArray("categories").addObject().put("name", category);
        return answer;
      }
    }
    throw new CliException("the project has no CLASSIFICATION job to answer");
  }

  private static long[] merge(List<long[]> perClient, int offset) {
    return perClient.stream()
        .flatMapToLong(a -> java.util.stream.IntStream.range(0, a.length / 3).mapToLong(i -> a[i * 3 + offset]))
        .sorted()
        .toArray();
  }

  private static void print(String name, long[] sortedMicros) {
    if (sortedMicros.length == 0) {
      System.out.printf("%-12s no successful requests%n", name);
      return;
    }
    System.out.printf("%-12s p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms mean=%.1fms%n", name,
        pct(sortedMicros, 50), pct(sortedMicros, 95), pct(sortedMicros, 99), sortedMicros[sortedMicros.length - 1] / 1000.0,
        Arrays.stream(sortedMicros).average().orElse(0) / 1000.0);
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
  }
}

package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A load generator for the labeling hot path: each client is a labeler of its own (a user, an API key and LABELER
 * membership created through the API, so the admin key is needed) that labels what the queue served, as the label page
 * does: each label posted to {@code queue/answer} brings the next asset back ({@code --two-requests}: {@code queue/next},
 * then the label), and every 30 s it asks for the project's counts; the latencies are reported as percentiles. The first
 * {@code --warmup-seconds} (JIT compilation, pools filling) run but are left out of the figures. With a think time,
 * each pause is drawn uniformly from 0.5 to 1.5 times it and the clients start staggered, so that 50 labelers do not
 * fire in lockstep bursts that no real team produces.
 */
@Command(name = "bench-queue", mixinStandardHelpOptions = true,
    description = "Load-test the labeling queue (each label posted to queue/answer, which returns the next asset) with"
        + " concurrent labelers against a running server (admin key).")
public final class QueueBenchCommand extends ClientCommand {
  @Option(names = "--project", required = true, description = "Project id (a classification project with TODO assets).")
  String project;

  @Option(names = "--clients", defaultValue = "50", description = "Concurrent labelers (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured duration (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "10",
      description = "Load before the measured part, left out of the figures (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--think-ms", defaultValue = "0",
      description = "Mean pause after each label, as a person reading the next item (default: ${DEFAULT-VALUE}: closed "
          + "loop, each client fires again at once, which measures saturation rather than what a labeler waits).")
  int thinkMs;

  @Option(names = "--counts-every-ms", defaultValue = "30000",
      description = "How often each labeler also asks for the project with its counts, as the label page does for its"
          + " progress bar (default: ${DEFAULT-VALUE}; 0: after every label, as the page did before 2026-12-07).")
  int countsEveryMs;

  @Option(names = "--two-requests",
      description = "Ask queue/next, then post the label (as the label page did before 2026-12-07), instead of posting each"
          + " label to queue/answer, which stores it and returns the next asset in one request.")
  boolean twoRequests;

  @Override
  void run(ApiClient api) throws Exception {
    ObjectNode answer = answerFor(api.get("/api/v1/projects/" + enc(project)).path("jsonInterface"));
    List<ApiClient> labelers = createLabelers(api);
    AtomicLong errors = new AtomicLong();
    long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    System.err.printf("bench-queue: %d labelers, think time %d ms, %d s warm-up then %d s measured on project %s%n",
        clients, thinkMs, warmupSeconds, seconds, project);
    List<Run> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<Run>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        ApiClient labeler = labelers.get(c);
        SplittableRandom random = new SplittableRandom(c);
        futures.add(pool.submit(() -> client(labeler, answer, random, measureFrom, end, errors)));
      }
      for (var f : futures) {
        runs.add(f.get());
      }
    }
    long[] next = merge(runs, 0);
    long[] submit = merge(runs, 1);
    long[] pair = merge(runs, 2);
    System.out.printf("requests: %d labeled assets in %d s after %d s warm-up (%.0f labels/s), %d errors, %d assets served to"
            + " two labelers%n", pair.length, seconds, warmupSeconds, pair.length / (double) seconds, errors.get(),
        servedTwice(runs));
    if (twoRequests) {
      print("queue/next", next);
      print("submit", submit);
      print("next+submit", pair);
    } else {
      print("answer+next", pair);
    }
  }

  /** One labeler's latencies in microseconds, interleaved as (next, submit, pair) triples, and the assets it labeled. */
  private record Run(long[] latencies, List<String> assetIds) {}

  /** One user with a key of their own and the LABELER role per client, so the role check runs as for real labelers. */
  private List<ApiClient> createLabelers(ApiClient admin) {
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<ApiClient> labelers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      ObjectNode user = ApiClient.MAPPER.createObjectNode().put("email", "bench-" + run + "-" + c + "@bench.invalid")
          .put("name", "bench labeler " + c).put("password", UUID.randomUUID().toString());
      String userId = admin.post("/api/v1/users", user).path("id").asText();
      String key = admin.post("/api/v1/users/" + enc(userId) + "/api-keys", ApiClient.MAPPER.createObjectNode().put("name", "bench"))
          .path("key").asText();
      admin.post("/api/v1/projects/" + enc(project) + "/members",
          ApiClient.MAPPER.createObjectNode().put("userId", userId).put("role", "LABELER"));
      labelers.add(admin.withKey(key));
    }
    return labelers;
  }

  private Run client(ApiClient api, ObjectNode answer, SplittableRandom random, long measureFrom, long end, AtomicLong errors) {
    List<Long> out = new ArrayList<>();
    List<String> assetIds = new ArrayList<>();
    if (thinkMs > 0 && !pause(random.nextDouble(thinkMs))) {
      return new Run(new long[0], assetIds);
    }
    long countsAt = System.nanoTime(); // the page opens with the project's counts
    String path = "/api/v1/projects/" + enc(project);
    JsonNode served = null; // with queue/answer, the asset the last answer returned
    while (System.nanoTime() < end) {
      long t0 = System.nanoTime();
      if (served == null || twoRequests) {
        HttpResponse<String> next = send(api, api.request(path + "/queue/next").GET().build());
        if (next == null || next.statusCode() != 200) {
          errors.incrementAndGet();
          if (next != null && next.statusCode() / 100 == 2) {
            break; // queue empty
          }
          continue;
        }
        served = parse(next.body());
      }
      long t1 = System.nanoTime();
      String assetId = served.path("id").asText();
      ObjectNode label = ApiClient.MAPPER.createObjectNode().put("assetId", assetId).put("labelType", "DEFAULT");
      label.set("jsonResponse", answer);
      HttpResponse<String> submitted = send(api, api.request(path + (twoRequests ? "/labels" : "/queue/answer"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(label.toString())).build());
      long t2 = System.nanoTime();
      if (submitted == null || submitted.statusCode() / 100 != 2) {
        errors.incrementAndGet();
        served = null;
        continue;
      }
      assetIds.add(assetId);
      if (!twoRequests) {
        served = parse(submitted.body()).path("next");
        if (served.isNull()) break; // queue empty
      }
      if (t2 - countsAt >= countsEveryMs * 1_000_000L) {
        countsAt = t2;
        HttpResponse<String> counts = send(api, api.request(path).GET().build());
        if (counts == null || counts.statusCode() != 200) errors.incrementAndGet();
      }
      if (t0 >= measureFrom) {
        out.addAll(List.of((t1 - t0) / 1000, (t2 - t1) / 1000, (t2 - t0) / 1000));
      }
      if (thinkMs > 0 && !pause(thinkMs * (0.5 + random.nextDouble()))) {
        break;
      }
    }
    return new Run(out.stream().mapToLong(Long::longValue).toArray(), assetIds);
  }

  private static boolean pause(double millis) {
    try {
      Thread.sleep(Duration.ofNanos((long) (millis * 1_000_000)));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Assets labeled by more than one client: the queue must never serve one asset to two labelers. */
  private static long servedTwice(List<Run> runs) {
    Map<String, Integer> byAsset = new HashMap<>();
    for (int c = 0; c < runs.size(); c++) {
      for (String id : new HashSet<>(runs.get(c).assetIds())) {
        byAsset.merge(id, 1, Integer::sum);
      }
    }
    return byAsset.values().stream().filter(n -> n > 1).count();
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
      throw new CliException("unreadable response of the queue");
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

  private static long[] merge(List<Run> runs, int offset) {
    return runs.stream()
        .map(Run::latencies)
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

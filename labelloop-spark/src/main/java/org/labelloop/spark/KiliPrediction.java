package org.labelloop.spark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.labelloop.learn.model.Confidence;

/**
 * A prediction's json_response in the shape the server's trainer writes for a single-choice job: the most probable
 * class with its confidence in percent, and the whole distribution rounded to four decimals.
 */
final class KiliPrediction {
  private KiliPrediction() {}

  static String json(String jobId, List<String> classes, double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode job = root.putObject(jobId);
    job.putArray("categories").addObject().put("name", classes.get(best)).put("confidence", Confidence.percent(p[best]));
    ObjectNode dist = job.putObject("probabilities");
    for (int k = 0; k < classes.size(); k++) dist.put(classes.get(k), Confidence.fourDecimals(p[k]));
    return root.toString();
  }
}

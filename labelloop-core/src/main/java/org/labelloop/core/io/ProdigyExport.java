package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.label.Label;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;
import org.labelloop.learn.ner.format.ProdigyFormat;

/**
 * The labeled texts as Prodigy JSONL, one accepted record per asset whose chosen human answer answers the NER job or
 * the classification job: the NER answer as tokens and spans (written by labelloop-learn's Prodigy writer), the
 * classification answer as the choice interface's {@code options} and the {@code accept}ed category ids.
 */
final class ProdigyExport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ProdigyExport() {}

  static void write(Ports ports, Project project, AssetQuery filter, OutputStream out) throws IOException {
    TextJobs jobs = TextJobs.of(project, "prodigy");
    Job ner = jobs.ner(), classes = jobs.classes();
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    LabeledAssets.forEachPage(ports, filter, (assets, labels) -> {
      for (Asset asset : assets) {
        JsonNode answer = ChosenLabel.of(labels.getOrDefault(asset.id(), List.of())).map(Label::jsonResponse).orElse(null);
        JsonNode spans = ner == null || answer == null ? null : answer.get(ner.id());
        JsonNode chosen = classes == null || answer == null ? null : answer.get(classes.id());
        if ((spans == null || spans.isNull()) && (chosen == null || chosen.isNull())) {
          continue;
        }
        Map<String, Object> record = spans != null && !spans.isNull()
            ? ProdigyFormat.record(NerFiles.sentence(asset.externalId(), asset.content(), spans), new ArrayList<>())
            : new LinkedHashMap<>(Map.of("id", asset.externalId(), "text", asset.content(), "answer", "accept"));
        if (chosen != null && !chosen.isNull()) {
          List<Object> options = new ArrayList<>();
          for (Category c : classes.categories().values()) {
            options.add(Map.of("id", c.id(), "text", c.name()));
          }
          List<String> accepted = new ArrayList<>();
          chosen.path("categories").forEach(c -> accepted.add(c.path("name").asText()));
          record.put("options", options);
          record.put("accept", accepted);
        }
        writer.write(MAPPER.writeValueAsString(record));
        writer.write('\n');
      }
    });
    writer.flush();
  }
}

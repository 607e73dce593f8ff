package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.label.Label;
import org.labelloop.core.learning.EntitySpans;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;
import org.labelloop.learn.ner.Span;

/**
 * The texts as doccano JSON Lines, each with its chosen human answer (unlabeled ones with none), in the shape of the
 * doccano project that holds its jobs: {@code label} as category ids (text classification) or as
 * {@code [start, end, id]} spans (sequence labeling), or both as {@code cats} and {@code entities} (intent detection
 * and slot filling). The first job of each kind is written.
 */
final class DoccanoExport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DoccanoExport() {}

  static void write(Ports ports, Project project, AssetQuery filter, OutputStream out) throws IOException {
    TextJobs jobs = TextJobs.of(project, "doccano");
    Job ner = jobs.ner(), classes = jobs.classes();
    boolean both = ner != null && classes != null;
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    LabeledAssets.forEachPage(ports, filter, (assets, labels) -> {
      for (Asset asset : assets) {
        JsonNode answer = ChosenLabel.of(labels.getOrDefault(asset.id(), List.of())).map(Label::jsonResponse).orElse(null);
        ObjectNode record = MAPPER.createObjectNode().put("id", asset.externalId()).put("text", asset.content());
        if (classes != null) {
          ArrayNode cats = record.putArray(both ? "cats" : "label");
          if (answer != null) answer.path(classes.id()).path("categories").forEach(c -> cats.add(c.path("name").asText()));
        }
        if (ner != null) {
          ArrayNode entities = record.putArray(both ? "entities" : "label");
          if (answer != null && answer.hasNonNull(ner.id())) {
            for (Span s : EntitySpans.of(answer.get(ner.id()), asset.content().length())) {
              entities.addArray().add(s.begin()).add(s.end()).add(s.label());
            }
          }
        }
        writer.write(MAPPER.writeValueAsString(record));
        writer.write('\n');
      }
    });
    writer.flush();
  }
}

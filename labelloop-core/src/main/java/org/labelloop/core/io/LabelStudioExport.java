package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;

/**
 * A project's assets as a Label Studio JSON array of tasks, streamed: {@code id} is the asset's externalId,
 * {@code data} holds the text (with its metadata) or the file's name in its import zip (or its URL), the chosen human
 * answer is the task's annotation and the newest model prediction its prediction (with {@code model_version} and a
 * {@code score}). Regions are named by job id, as the labeling config of the project's Label Studio backend names its
 * tags; an unlabeled asset is a task without annotations. A zip of the files with this JSON imports the same labels.
 */
final class LabelStudioExport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LabelStudioExport() {}

  static void write(Ports ports, Project project, AssetQuery filter, OutputStream out) throws IOException {
    String key = LabelStudioResults.dataKey(project.inputType());
    boolean media = ImportRecords.media(project);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartArray();
      LabeledAssets.forEachPage(ports, filter, (assets, labels) -> {
        for (Asset asset : assets) {
          json.writeTree(task(project, key, media, asset, labels.getOrDefault(asset.id(), List.of())));
        }
      });
      json.writeEndArray();
    }
  }

  private static ObjectNode task(Project project, String key, boolean media, Asset asset, List<Label> labels) {
    String text = media ? null : asset.content();
    ObjectNode task = MAPPER.createObjectNode().put("id", asset.externalId());
    ObjectNode data = task.putObject("data");
    if (!media && asset.metadata() instanceof ObjectNode metadata) {
      data.setAll(metadata);
    }
    data.put(key, media ? reference(asset) : asset.content());
    ArrayNode annotations = task.putArray("annotations");
    ChosenLabel.of(labels).ifPresent(l -> annotations.addObject()
        .set("result", LabelStudioResults.toResults(project.jsonInterface(), project.inputType(), l.jsonResponse(), text)));
    labels.stream().filter(l -> l.labelType() == LabelType.PREDICTION).reduce((older, newer) -> newer).ifPresent(p -> {
      ObjectNode prediction = task.putArray("predictions").addObject().put("model_version", p.modelVersion());
      Double score = LabelStudioResults.score(p.jsonResponse());
      if (score != null) {
        prediction.put("score", score);
      }
      prediction.set("result", LabelStudioResults.toResults(project.jsonInterface(), project.inputType(), p.jsonResponse(), text));
    });
    return task;
  }

  /** How a task names a media asset: its URL, else the path it had in its import zip, else its externalId. */
  private static String reference(Asset asset) {
    String content = asset.content().toLowerCase(Locale.ROOT);
    if (content.startsWith("http://") || content.startsWith("https://")) {
      return asset.content();
    }
    return BoxExport.fileName(asset);
  }
}

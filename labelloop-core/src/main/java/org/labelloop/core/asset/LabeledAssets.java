package org.labelloop.core.asset;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.labelloop.core.Ports;
import org.labelloop.core.label.Label;
import org.labelloop.core.port.Page;

/** Walks a project's assets with their labels a page at a time, so memory stays flat however large the project. */
public final class LabeledAssets {
  private static final int PAGE = 1000;

  private LabeledAssets() {}

  /** Receives one page: the assets in id order and their labels by asset id. */
  public interface PageConsumer {
    void accept(List<Asset> assets, Map<String, List<Label>> labels) throws IOException;
  }

  public static void forEachPage(Ports ports, AssetQuery filter, PageConsumer consumer) throws IOException {
    String cursor = filter.cursor();
    do {
      Page<Asset> page =
          ports.assets().list(filter.page(cursor, PAGE));
      Map<String, List<Label>> labels = ports.labels().forAssets(page.items().stream().map(Asset::id).toList());
      consumer.accept(page.items(), labels);
      cursor = page.nextCursor();
    } while (cursor != null);
  }
}

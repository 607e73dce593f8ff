package org.labelloop.learn.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * An immutable training snapshot: labeled texts plus the ordered class list the models predict over.
 *
 * <p>The {@link #snapshotHash()} (SHA-256 over ids, texts and sorted labels) goes into every model card, so a model
 * can always be traced back to the exact data it was trained on.
 */
public final class TextDataset {
  private final List<LabeledText> items;
  private final List<String> classes;
  private final int[] y;
  private String hash;

  public TextDataset(List<LabeledText> items) {
    this.items = List.copyOf(items);
    TreeSet<String> all = new TreeSet<>();
    for (LabeledText t : this.items) all.addAll(t.labels());
    this.classes = List.copyOf(all);
    this.y = new int[this.items.size()];
    for (int i = 0; i < y.length; i++) y[i] = classes.indexOf(this.items.get(i).label());
  }

  public List<LabeledText> items() { return items; }

  /** Class names in sorted order; probability columns follow this order. */
  public List<String> classes() { return classes; }

  public int size() { return items.size(); }

  public List<String> texts() { return items.stream().map(LabeledText::text).toList(); }

  /** Class index of each example (single-label view). */
  public int[] y() { return y.clone(); }

  public boolean isMultiLabel() { return items.stream().anyMatch(t -> t.labels().size() > 1); }

  /** Number of examples per class, indexed like {@link #classes()}. */
  public int[] classCounts() {
    int[] c = new int[classes.size()];
    for (int v : y) c[v]++;
    return c;
  }

  /** The examples at the given positions. */
  public TextDataset subset(int[] rows) {
    List<LabeledText> s = new ArrayList<>(rows.length);
    for (int r : rows) s.add(items.get(r));
    return new TextDataset(s);
  }

  /** SHA-256 (hex) of ids, texts and sorted labels, in order. */
  public synchronized String snapshotHash() {
    if (hash == null) {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (LabeledText t : items) {
          md.update(t.id().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          md.update(t.text().getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0);
          md.update(String.join("\u0001", new TreeSet<>(t.labels())).getBytes(StandardCharsets.UTF_8));
          md.update((byte) 0x1e);
        }
        hash = HexFormat.of().formatHex(md.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return hash;
  }
}

package org.labelloop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * The image demo's data, drawn at start-up so no image ships in the repository: {@code count} pictures of circles,
 * squares and triangles on a plain background, as a zip in COCO form whose instances JSON gives the boxes of the first
 * {@code labeled} pictures (the rest wait for a labeler). Deterministic.
 */
final class DemoShapes {
  static final List<String> SHAPES = List.of("CIRCLE", "SQUARE", "TRIANGLE");
  private static final int WIDTH = 320, HEIGHT = 240;
  private static final Color[] COLORS = {new Color(0xd9534f), new Color(0x2a7ab0), new Color(0x3c9a5f),
      new Color(0xe0a526), new Color(0x7b5ea7)};

  private DemoShapes() {}

  static byte[] cocoZip(int count, int labeled) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode coco = mapper.createObjectNode();
    ArrayNode images = coco.putArray("images"), annotations = coco.putArray("annotations");
    ArrayNode categories = coco.putArray("categories");
    for (int c = 0; c < SHAPES.size(); c++) categories.addObject().put("id", c + 1).put("name", SHAPES.get(c));
    SplittableRandom rnd = new SplittableRandom(11);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 1; i <= count; i++) {
        String name = String.format("shapes-%02d.png", i);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xf4f1ea));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        if (i <= labeled) {
          images.addObject().put("id", i).put("file_name", name).put("width", WIDTH).put("height", HEIGHT);
        }
        int shapes = 1 + rnd.nextInt(3);
        for (int s = 0; s < shapes; s++) {
          int kind = rnd.nextInt(SHAPES.size()), size = 40 + rnd.nextInt(50);
          // one column per shape, so boxes never overlap
          int x = s * WIDTH / 3 + rnd.nextInt(Math.max(1, WIDTH / 3 - size)), y = rnd.nextInt(HEIGHT - size);
          g.setColor(COLORS[rnd.nextInt(COLORS.length)]);
          switch (kind) {
            case 0 -> g.fillOval(x, y, size, size);
            case 1 -> g.fillRect(x, y, size, size);
            default -> g.fillPolygon(new int[] {x, x + size / 2, x + size}, new int[] {y + size, y, y + size}, 3);
          }
          if (i <= labeled) {
            ObjectNode a = annotations.addObject().put("id", annotations.size()).put("image_id", i)
                .put("category_id", kind + 1);
            a.putArray("bbox").add(x).add(y).add(size).add(size);
          }
        }
        g.dispose();
        zip.putNextEntry(new ZipEntry(name));
        ImageIO.write(img, "png", zip);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("instances.json"));
      zip.write(mapper.writeValueAsBytes(coco));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

package org.labelloop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;

/**
 * Synthetic COCO folders ({@code instances.json} beside the PNGs) for {@code simulate --task detection}: the image
 * demo's drawn shapes ({@link DemoShapes}, every picture's boxes given), or cluttered ones, harder: five shapes of which
 * two pairs differ only by aspect ratio (circle/oval, square/rectangle), 20 to 70 pixels, one to four per picture on a
 * background of random strokes. {@code java -cp ... org.labelloop.app.ShapesCocoFolder FOLDER COUNT [cluttered SEED]}.
 */
public final class ShapesCocoFolder {
  static final List<String> CLUTTERED = List.of("CIRCLE", "OVAL", "SQUARE", "RECTANGLE", "TRIANGLE");
  private static final int WIDTH = 320, HEIGHT = 240;

  private ShapesCocoFolder() {}

  /** Writes {@code count} demo pictures and their COCO file into {@code folder}; returns the COCO file. */
  public static Path write(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(DemoShapes.cocoZip(count, count)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Files.write(folder.resolve(e.getName()), zip.readAllBytes());
      }
    }
    return folder.resolve("instances.json");
  }

  /** Writes {@code count} cluttered pictures and their COCO file into {@code folder}; returns the COCO file. */
  public static Path writeCluttered(Path folder, int count, long seed) throws IOException {
    Files.createDirectories(folder);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode coco = mapper.createObjectNode();
    ArrayNode images = coco.putArray("images"), annotations = coco.putArray("annotations"), categories = coco.putArray("categories");
    for (int c = 0; c < CLUTTERED.size(); c++) categories.addObject().put("id", c + 1).put("name", CLUTTERED.get(c));
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 1; i <= count; i++) {
      String name = String.format("cluttered-%03d.png", i);
      images.addObject().put("id", i).put("file_name", name).put("width", WIDTH).put("height", HEIGHT);
      BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new Color(180 + rnd.nextInt(70), 180 + rnd.nextInt(70), 180 + rnd.nextInt(70)));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      for (int k = 0; k < 25; k++) {
        g.setColor(color(rnd));
        g.setStroke(new BasicStroke(1 + rnd.nextInt(3)));
        int x = rnd.nextInt(WIDTH), y = rnd.nextInt(HEIGHT);
        g.drawLine(x, y, x + rnd.nextInt(81) - 40, y + rnd.nextInt(81) - 40);
      }
      List<Rectangle> placed = new ArrayList<>();
      int shapes = 1 + rnd.nextInt(4);
      for (int tries = 0; placed.size() < shapes && tries < 100; tries++) {
        int kind = rnd.nextInt(CLUTTERED.size()), size = 20 + rnd.nextInt(51);
        boolean elongated = kind == 1 || kind == 3;
        double aspect = elongated ? 1.5 + 0.5 * rnd.nextDouble() : 1;
        int w = rnd.nextBoolean() ? (int) (size * aspect) : size, h = w == size ? (int) (size * aspect) : size;
        Rectangle r = new Rectangle(rnd.nextInt(WIDTH - w), rnd.nextInt(HEIGHT - h), w, h);
        if (placed.stream().anyMatch(p -> p.intersects(r))) continue;
        placed.add(r);
        g.setColor(color(rnd));
        switch (kind) {
          case 0, 1 -> g.fillOval(r.x, r.y, r.width, r.height);
          case 2, 3 -> g.fillRect(r.x, r.y, r.width, r.height);
          default -> g.fillPolygon(new int[] {r.x, r.x + r.width / 2, r.x + r.width}, new int[] {r.y + r.height, r.y, r.y + r.height}, 3);
        }
        ObjectNode a = annotations.addObject().put("id", annotations.size() + 1).put("image_id", i).put("category_id", kind + 1);
        a.putArray("bbox").add(r.x).add(r.y).add(r.width).add(r.height);
      }
      g.dispose();
      ImageIO.write(img, "png", folder.resolve(name).toFile());
    }
    Path file = folder.resolve("instances.json");
    mapper.writeValue(file.toFile(), coco);
    return file;
  }

  private static Color color(SplittableRandom rnd) {
    return new Color(rnd.nextInt(200), rnd.nextInt(200), rnd.nextInt(200));
  }

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    boolean cluttered = args.length > 2 && args[2].equals("cluttered");
    System.out.println(cluttered ? writeCluttered(folder, count, args.length > 3 ? Long.parseLong(args[3]) : 1) : write(folder, count));
  }
}

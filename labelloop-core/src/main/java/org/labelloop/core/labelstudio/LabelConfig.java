package org.labelloop.core.labelstudio;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.LabelStudioResults;
import org.labelloop.core.io.SafeXml;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A project's interface as a Label Studio labeling config: each job is a control tag named by its job id
 * ({@code <Choices>}, {@code <Labels>}, {@code <RectangleLabels>}) over one object tag ({@code <Text name="text">},
 * {@code <Image name="image">}, {@code <Audio name="audio">}); each category is a {@code <Choice>} or
 * {@code <Label>} whose {@code alias} is the category id (what Label Studio stores) and whose {@code value} is its
 * display name.
 */
public final class LabelConfig {
  private LabelConfig() {}

  public static String toXml(InputType type, JsonInterface iface) {
    String key = LabelStudioResults.dataKey(type);
    StringBuilder xml = new StringBuilder("<View>\n  <").append(capitalized(key)).append(" name=\"").append(key)
        .append("\" value=\"$").append(key).append("\"/>\n");
    for (Job job : iface.jobs().values()) {
      String tag = LabelStudioResults.tag(job.mlTask());
      String item = tag.equals("Choices") ? "Choice" : "Label";
      xml.append("  <").append(tag).append(" name=\"").append(escape(job.id())).append("\" toName=\"").append(key).append('"');
      if (tag.equals("Choices")) xml.append(" choice=\"").append(job.multiple() ? "multiple" : "single").append('"');
      if (job.required()) xml.append(" required=\"true\"");
      xml.append(">\n");
      for (Category c : job.categories().values()) {
        xml.append("    <").append(item).append(" value=\"").append(escape(c.name())).append("\" alias=\"").append(escape(c.id())).append("\"/>\n");
      }
      xml.append("  </").append(tag).append(">\n");
    }
    return xml.append("</View>\n").toString();
  }

  /**
   * What in a Label Studio config this project cannot answer: a control tag that is not one of its jobs, or a choice
   * or label that is not one of that job's categories (by id or display name). Empty when they fit.
   */
  public static List<String> differences(JsonInterface iface, String xml) {
    List<String> problems = new ArrayList<>();
    Element root = parse(xml);
    for (String tag : List.of("Choices", "Labels", "RectangleLabels")) {
      NodeList controls = root.getElementsByTagName(tag);
      for (int i = 0; i < controls.getLength(); i++) {
        Element control = (Element) controls.item(i);
        String name = control.getAttribute("name");
        Job job = iface.jobs().get(name);
        if (job == null || !tag.equals(LabelStudioResults.tag(job.mlTask()))) {
          problems.add("<" + tag + " name=\"" + name + "\">: the project has no " + tag.toLowerCase(Locale.ROOT) + " job '" + name
              + "' (its jobs: " + iface.jobs().keySet() + ")");
          continue;
        }
        Set<String> unknown = new TreeSet<>();
        NodeList items = control.getElementsByTagName(tag.equals("Choices") ? "Choice" : "Label");
        for (int k = 0; k < items.getLength(); k++) {
          Element item = (Element) items.item(k);
          String stored = item.hasAttribute("alias") ? item.getAttribute("alias") : item.getAttribute("value");
          if (job.categoryNamed(stored).isEmpty()) unknown.add(stored);
        }
        if (!unknown.isEmpty()) problems.add("<" + tag + " name=\"" + name + "\">: " + unknown + " are not categories of job " + name);
      }
    }
    return problems;
  }

  private static Element parse(String xml) {
    if (xml == null || xml.isBlank()) throw LabelloopException.invalid("schema: a Label Studio labeling config is required");
    try {
      return SafeXml.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw LabelloopException.invalid("schema: not a Label Studio labeling config: " + e.getMessage());
    }
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Review screen's find box "by meaning" in headless Chromium: texts about three things, none of which holds the
 * words typed, and the list that comes back is the texts about the thing the words mean.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindByMeaningIT extends BrowserFlow {
  private static final String[] TOPICS = {
      "The striker scored a late goal and the home team won the football match %s.",
      "Preheat the oven, mix flour, butter and sugar, then bake the cake %s.",
      "The central bank raised interest rates and the stock market fell sharply %s."};
  private static final String[] WHEN = {"on Monday", "on Tuesday", "last night", "this morning", "yesterday"};

  private static String projectId;

  /** Words are embedded like the texts: this flow needs the background text embedder. */
  @BeforeAll
  static void withTheTextEmbedder() {
    if (server != null) {
      server.close();
      server = new E2eServer(true);
    }
  }

  @Test
  @Order(1)
  void logsIn() {
    logInAsNewAdmin("meaning@example.org", "Meaning Lead", "correct horse battery");
  }

  @Test
  @Order(2)
  void theTextsClosestInMeaningToTheWordsTypedAreListed() throws InterruptedException {
    projectId = server.api("POST", "/api/v1/projects", """
        {"title": "Three topics", "inputType": "TEXT", "jsonInterface": {"jobs": {
          "JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Topic", "required": 1, "content": {"input": "radio",
            "categories": {"SPORT": {"name": "Sport"}, "OTHER": {"name": "Other"}}}}}}}
        """).get("id").asText();
    List<Map<String, String>> assets = new ArrayList<>();
    for (int t = 0; t < TOPICS.length; t++) {
      for (int i = 0; i < WHEN.length; i++) assets.add(Map.of("externalId", "t" + t + "-" + i, "content", TOPICS[t].formatted(WHEN[i])));
    }
    server.api("POST", "/api/v1/projects/" + projectId + "/assets", assets);
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (server.raw("GET", "/api/v1/projects/" + projectId + "/similar?text=x", null).statusCode() != 200) { // every text embedded
      assertTrue(System.nanoTime() < deadline, "the texts were not embedded in 2 minutes");
      Thread.sleep(300);
    }

    go("/p/" + projectId + "/review");
    new Select(visible("#review-find-by")).selectByValue("meaning");
    visible("#review-find").sendKeys("a recipe for a sweet dessert", Keys.ENTER);
    assertEquals("Like “a recipe for a…", visible("#review-filter-similar.active").getText().replaceAll("\\s+", " ").strip());
    assertTrue(visible("#similar-basis").getText().startsWith("The 15 texts closest in meaning to “a recipe for a sweet dessert”, by their sentence vectors"),
        visible("#similar-basis").getText());
    List<WebElement> listed = driver.findElements(By.cssSelector("#review-list li"));
    Set<String> first = new HashSet<>();
    for (WebElement li : listed.subList(0, WHEN.length)) first.add(li.getAttribute("data-external-id"));
    assertEquals(Set.of("t1-0", "t1-1", "t1-2", "t1-3", "t1-4"), first, "the baking texts come first");
    Browser.documentScreen(driver, "review-meaning");
  }
}

package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * A project admin, in the Integrations tab in headless Chromium, adds a webhook and reads its delivery log, then
 * connects a model server (a small Label Studio ML backend on loopback) and sees its state and predictions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksUiIT extends BrowserFlow {
  private static final String EMAIL = "hooks@example.org";
  private static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger RECEIVED = new AtomicInteger();
  private static HttpServer receiver;
  private static HttpServer modelServer;
  private static String projectId;

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) receiver.stop(0);
    if (modelServer != null) modelServer.stop(0);
  }

  @Test
  @Order(1)
  void logsInAndOpensTheWebhooksTab() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      RECEIVED.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    server.api("POST", "/api/v1/users", Map.of("email", EMAIL, "name", "Hook Admin", "password", PASSWORD, "admin", true));
    projectId = server.api("POST", "/api/v1/projects", Map.of("title", "Hooks e2e", "inputType", "TEXT", "jsonInterface",
        Map.of("jobs", Map.of("JOB_0", Map.of("mlTask", "CLASSIFICATION", "required", 1, "content",
            Map.of("input", "radio", "categories", Map.of("A", Map.of("name", "A"), "B", Map.of("name", "B")))))))).path("id").asText();
    server.api("POST", "/api/v1/projects/" + projectId + "/assets", List.of(Map.of("externalId", "h1", "content", "hello")));
    driver.get(server.baseUrl() + "/");
    visible("#email").sendKeys(EMAIL);
    visible("input[type=password]").sendKeys(PASSWORD, Keys.ENTER);
    visible("#new-project");
    go("/p/" + projectId + "/webhooks");
    visible("#add-webhook-form");
    assertTrue(driver.findElement(By.id("tab-webhooks")).getAttribute("class").contains("active"));
  }

  @Test
  @Order(2)
  void addsAWebhookAndSeesItsSecretOnce() {
    visible("#webhook-url").sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    driver.findElement(By.id("event-REVIEW_DONE")).click();
    driver.findElement(By.id("webhook-private")).click();
    driver.findElement(By.cssSelector("#add-webhook-form button[type=submit]")).click();
    WebElement secret = visible("#webhook-secret-once code");
    assertTrue(secret.getText().startsWith("whsec_"), secret.getText());
    WebElement row = visible("#webhooks-table tbody tr");
    assertTrue(row.getText().contains("LABEL_CREATED, REVIEW_DONE"), row.getText());
    Browser.screenshot(driver, "webhooks-01-added");
  }

  @Test
  @Order(3)
  void theDeliveryLogShowsTheSignedEventDelivered() {
    server.api("POST", "/api/v1/projects/" + projectId + "/labels",
        Map.of("assetExternalId", "h1", "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", "A"))))));
    wait.until(d -> RECEIVED.get() == 1);
    String hook = server.api("GET", "/api/v1/projects/" + projectId + "/webhooks", null).path("items").path(0).path("id").asText();
    wait.until(d -> server.api("GET", "/api/v1/webhooks/" + hook + "/deliveries", null).path("items").path(0).path("status").asText()
        .equals("DELIVERED")); // recorded just after the receiver answered
    driver.findElement(By.cssSelector("#webhooks-table button.small")).click();
    visible("#deliveries-table tbody tr");
    List<WebElement> cells = driver.findElements(By.cssSelector("#deliveries-table tbody tr td"));
    assertEquals("LABEL_CREATED", cells.get(0).getText());
    assertEquals("HTTP 204", cells.get(3).getText());
    Browser.screenshot(driver, "webhooks-02-deliveries");
  }

  @Test
  @Order(4)
  void connectsAModelServerAndSeesItsPredictions() throws Exception {
    modelServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    modelServer.createContext("/", ex -> {
      int tasks = new ObjectMapper().readTree(ex.getRequestBody()).path("tasks").size();
      String body = switch (ex.getRequestURI().getPath()) {
        case "/health" -> "{\"status\":\"UP\"}";
        case "/setup" -> "{\"model_version\":\"e2e-1\"}";
        default -> "{\"results\":[" + String.join(",", java.util.Collections.nCopies(tasks,
            "{\"result\":[{\"from_name\":\"JOB_0\",\"to_name\":\"text\",\"type\":\"choices\",\"value\":{\"choices\":[\"B\"]}}],"
                + "\"score\":0.8,\"model_version\":\"e2e-1\"}")) + "]}";
      };
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    modelServer.start();
    server.api("POST", "/api/v1/projects/" + projectId + "/assets", List.of(Map.of("externalId", "h2", "content", "unlabeled")));
    visible("#model-server-url").sendKeys("http://127.0.0.1:" + modelServer.getAddress().getPort());
    driver.findElement(By.id("model-server-private")).click();
    driver.findElement(By.cssSelector("#model-server-form button[type=submit]")).click();
    assertEquals("e2e-1", visible("#model-server .table.kv tr:nth-child(3) td").getText());
    wait.ignoring(StaleElementReferenceException.class).until(d -> // the panel follows the server every 3 s
        d.findElement(By.id("model-server-status")).getText().equals("READY")
            && d.findElement(By.cssSelector("#model-server .table.kv tr:nth-child(4) td")).getText().equals("1"));
    Browser.screenshot(driver, "integrations-model-server");
  }
}

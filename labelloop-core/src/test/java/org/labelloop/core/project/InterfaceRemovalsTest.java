package org.labelloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterfaceRemovalsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String BEFORE = """
      {"jobs": {
        "TOPIC": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"SPORT": {"name": "Sport"}, "TECH": {}}}},
        "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}, "LOC": {}}}},
        "NOTE": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"OK": {}}}}}}""";

  @Test
  void renamingOrAddingTakesNothingAway() throws Exception {
    JsonInterface after = JsonInterfaceTest.parse(BEFORE.replace("\"name\": \"Sport\"", "\"name\": \"Sports\"")
        .replace("\"TECH\": {}", "\"TECH\": {}, \"ART\": {}"));
    assertTrue(InterfaceRemovals.between(JsonInterfaceTest.parse(BEFORE), after).isEmpty());
  }

  @Test
  void findsRemovedCategoriesAndJobsAndWhichAnAnswerUses() throws Exception {
    JsonInterface after = JsonInterfaceTest.parse("""
        {"jobs": {
          "TOPIC": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"SPORT": {}}}},
          "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"PER": {}}}},
          "NOTE": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"categories": {"OK": {}}}}}}""");
    InterfaceRemovals removed = InterfaceRemovals.between(JsonInterfaceTest.parse(BEFORE), after);
    assertEquals(Set.of("NOTE"), removed.jobs(), "a job whose task changed is removed: its answers have another shape");
    assertEquals(Map.of("TOPIC", Set.of("TECH"), "NER", Set.of("LOC")), removed.categories());
    assertEquals(List.of("NOTE", "TECH", "LOC"), removed.fragments());

    assertEquals(Set.of("category 'TECH' of job TOPIC", "category 'LOC' of job NER", "job NOTE"), removed.usedBy(JSON.readTree("""
        {"TOPIC": {"categories": [{"name": "TECH"}]},
         "NER": {"annotations": [{"categories": [{"name": "PER"}], "beginOffset": 0, "content": "Ann"},
                                 {"categories": [{"name": "LOC"}], "beginOffset": 8, "content": "Paris"}]},
         "NOTE": {"categories": [{"name": "OK"}]}}""")));
    assertEquals(Set.of(), removed.usedBy(JSON.readTree("""
        {"TOPIC": {"categories": [{"name": "SPORT"}]}, "NER": {"annotations": []}, "NOTE": {}}""")));
  }
}

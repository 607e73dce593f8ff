package org.labelloop.core.project;

/** Changes to a project; null fields stay as they are. */
public record ProjectPatch(String title, String description, JsonInterface jsonInterface) {}

package org.labelloop.core.project;

/**
 * Changes to a project; null fields stay as they are. {@code inputType} cannot change (the assets are of that kind): it
 * is only compared, so a client that sends the whole project back is not refused.
 */
public record ProjectPatch(String title, String description, String instructions, InputType inputType, JsonInterface jsonInterface) {}

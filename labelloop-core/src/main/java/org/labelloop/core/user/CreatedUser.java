package org.labelloop.core.user;

/** A user created with a generated password and API key, shown once. */
public record CreatedUser(User user, String password, String apiKey) {}

package org.labelloop.core.user;

/** A new API key; {@code plainKey} is shown once and never stored. */
public record CreatedApiKey(ApiKey apiKey, String plainKey) {}

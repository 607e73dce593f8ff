package org.labelloop.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An enum column read as its stored bytes and matched against the constants' names: decoding the name into a String
 * first (sqlite-jdbc's {@code getString}) was about a tenth of an export request's CPU samples on SQLite (BENCHMARKS.md
 * "Import and export against the database's floor").
 */
final class EnumNames<E extends Enum<E>> {
  private final E[] constants;
  private final byte[][] names;

  EnumNames(E[] constants) {
    this.constants = constants;
    this.names = Arrays.stream(constants).map(c -> c.name().getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
  }

  E of(byte[] name) {
    for (int i = 0; i < names.length; i++) {
      if (Arrays.equals(names[i], name)) {
        return constants[i];
      }
    }
    throw new IllegalStateException("Unknown stored value " + (name == null ? null : new String(name, StandardCharsets.UTF_8)));
  }
}

package org.labelloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void readsTheThreeFormsOfOneRange() {
    assertEquals(new ByteRange(100, 199), ByteRange.of("bytes=100-199", 1000));
    assertEquals(new ByteRange(100, 999), ByteRange.of("bytes=100-", 1000));
    assertEquals(new ByteRange(900, 999), ByteRange.of("bytes=-100", 1000));
    assertEquals(new ByteRange(0, 999), ByteRange.of("bytes=-5000", 1000), "more than the file: all of it");
    assertEquals(new ByteRange(990, 999), ByteRange.of("bytes=990-5000", 1000), "a last byte past the end stops at the end");
    assertEquals(100, ByteRange.of("bytes=100-199", 1000).length());
  }

  @Test
  void aRangeStartingPastTheEndIsUnsatisfiable() {
    assertTrue(ByteRange.of("bytes=1000-", 1000).unsatisfiable());
    assertTrue(ByteRange.of("bytes=99999999999-", 1000).unsatisfiable());
    assertTrue(ByteRange.of("bytes=-0", 1000).unsatisfiable());
  }

  @Test
  void whatItDoesNotReadMeansTheWholeFile() {
    for (String header : new String[] {null, "", "bytes=abc", "bytes=5-2", "items=0-5", "bytes=0-1,5-9", "bytes=-",
        "bytes=1-2-3", "bytes=99999999999999999999-"}) {
      assertNull(ByteRange.of(header, 1000), header);
    }
  }
}

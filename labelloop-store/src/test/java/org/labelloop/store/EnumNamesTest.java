package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetStatus;

class EnumNamesTest {
  private final EnumNames<AssetStatus> statuses = new EnumNames<>(AssetStatus.values());

  @Test
  void everyConstantIsFoundByItsNamesBytes() {
    for (AssetStatus status : AssetStatus.values()) {
      assertEquals(status, statuses.of(status.name().getBytes(StandardCharsets.US_ASCII)));
    }
  }

  @Test
  void aNameThatIsNoConstantIsRefusedWithIt() {
    var e = assertThrows(IllegalStateException.class, () -> statuses.of("TODO ".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("Unknown stored value TODO ", e.getMessage());
    assertThrows(IllegalStateException.class, () -> statuses.of(null));
  }
}

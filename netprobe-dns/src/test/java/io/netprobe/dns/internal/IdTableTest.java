package io.netprobe.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id table behaves as a map under random puts and removes, including across growth and wrapped probe runs. */
class IdTableTest {
  @Test
  void agreesWithAHashMap() {
    Random random = new Random(42);
    IdTable<String> table = new IdTable<>();
    Map<Integer, String> expected = new HashMap<>();
    for (int op = 0; op < 200_000; op++) {
      // a small id range forces collisions and wrap-around; the larger one grows the table
      int id = op < 100_000 ? random.nextInt(64) : random.nextInt(65536);
      if (random.nextInt(3) == 0) {
        assertEquals(expected.remove(id) != null, table.remove(id), "remove " + id);
      } else {
        String v = "v" + op;
        expected.put(id, v);
        table.put(id, v);
      }
      assertEquals(expected.size(), table.size());
      int probe = random.nextInt(65536);
      assertEquals(expected.get(probe), table.get(probe));
      assertEquals(expected.get(id), table.get(id));
    }
    for (Map.Entry<Integer, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), table.get(e.getKey()));
    }
    List<String> values = table.values();
    assertEquals(expected.size(), values.size());
  }
}

package io.netprobe.dns.internal;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The queries waiting on one socket by 16-bit message id: open addressing with linear probing on the id itself
 * (ids are random), so a lookup per datagram neither boxes the id nor allocates. Grows at half full; deletion shifts
 * the following entries back, so no tombstones pile up. Not thread-safe (confined to the loop thread).
 */
final class IdTable<V> {
  private int[] keys = new int[16];
  private Object[] values = new Object[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  @SuppressWarnings("unchecked")
  @Nullable V get(int id) {
    int mask = keys.length - 1;
    for (int i = id & mask; values[i] != null; i = (i + 1) & mask) {
      if (keys[i] == id) {
        return (V) values[i];
      }
    }
    return null;
  }

  boolean containsKey(int id) {
    return get(id) != null;
  }

  /** Maps {@code id} to {@code value}, replacing what it had. */
  void put(int id, V value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = id & mask;
    while (values[i] != null) {
      if (keys[i] == id) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = id;
    values[i] = value;
    size++;
  }

  /** Removes {@code id}; returns whether it was there. */
  boolean remove(int id) {
    int mask = keys.length - 1;
    int i = id & mask;
    while (values[i] != null && keys[i] != id) {
      i = (i + 1) & mask;
    }
    if (values[i] == null) {
      return false;
    }
    values[i] = null;
    size--;
    // shift back the entries after the hole that could not sit in their home slot because of it
    int hole = i;
    for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = keys[j] & mask;
      boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        values[j] = null;
        hole = j;
      }
    }
    return true;
  }

  /** A copy of the values, for iterating while they change. */
  @SuppressWarnings("unchecked")
  List<V> values() {
    List<V> out = new ArrayList<>(size);
    for (Object v : values) {
      if (v != null) {
        out.add((V) v);
      }
    }
    return out;
  }

  void clear() {
    keys = new int[16];
    values = new Object[16];
    size = 0;
  }

  private void grow() {
    int[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
  }
}

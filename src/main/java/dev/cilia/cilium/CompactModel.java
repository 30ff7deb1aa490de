package dev.cilia.cilium;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.type.CollectionType;

/**
 * Makes the model that is read back small, because a compile keeps the models of all its documents
 * until the end: lists read from YAML become immutable lists of their own size, not {@code
 * ArrayList}s of ten slots, and the empty lists and maps that fabric8's {@link LabelSelector},
 * {@link LabelSelectorRequirement} and {@link ObjectMeta} make for every instance become the shared
 * empty ones, and their small maps get tables of their size. For 10,000 documents that is about
 * 600,000 objects fewer for the garbage collector to copy (docs/performance.md, finding 9). A list
 * that holds a {@code null} stays as it was read.
 */
final class CompactModel extends ValueDeserializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public ValueDeserializer<?> modifyCollectionDeserializer(
      DeserializationConfig config,
      CollectionType type,
      BeanDescription.Supplier beanDescRef,
      ValueDeserializer<?> deserializer) {
    // Jackson has mapped the model's abstract List to ArrayList by now; no model type declares an
    // ArrayList of its own.
    Class<?> raw = type.getRawClass();
    boolean list = raw == List.class || raw == ArrayList.class;
    return list ? new Compacting(deserializer) : deserializer;
  }

  @Override
  public ValueDeserializer<?> modifyDeserializer(
      DeserializationConfig config,
      BeanDescription.Supplier beanDescRef,
      ValueDeserializer<?> deserializer) {
    Class<?> type = beanDescRef.getBeanClass();
    boolean fabric8 =
        type == LabelSelector.class
            || type == LabelSelectorRequirement.class
            || type == ObjectMeta.class;
    return fabric8 ? new Compacting(deserializer) : deserializer;
  }

  /** {@code list} as an immutable list of its size, or itself when it holds a {@code null}. */
  static <T> List<T> compact(List<T> list) {
    if (list == null) {
      return null;
    }
    for (T item : list) {
      if (item == null) {
        return list;
      }
    }
    return List.copyOf(list);
  }

  /**
   * The shared empty map for an empty {@code map}; else a copy in read order whose table fits its
   * entries (Jackson's maps start at 16 slots, label maps hold one or two).
   */
  private static <K, V> Map<K, V> compact(Map<K, V> map) {
    if (map == null || map.size() > 12) {
      return map;
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<K, V> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
    copy.putAll(map);
    return copy;
  }

  /**
   * What {@link #compact} does, applied to what the wrapped deserializer returns or {@link
   * TreeModel} builds.
   */
  static <T> T compacted(T value) {
    if (value instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      T compacted = (T) compact(list);
      return compacted;
    }
    if (value instanceof LabelSelector s) {
      s.setMatchExpressions(compact(s.getMatchExpressions()));
      s.setMatchLabels(compact(s.getMatchLabels()));
      s.setAdditionalProperties(compact(s.getAdditionalProperties()));
    } else if (value instanceof LabelSelectorRequirement r) {
      r.setValues(compact(r.getValues()));
      r.setAdditionalProperties(compact(r.getAdditionalProperties()));
    } else if (value instanceof ObjectMeta m) {
      m.setAnnotations(compact(m.getAnnotations()));
      m.setLabels(compact(m.getLabels()));
      m.setFinalizers(compact(m.getFinalizers()));
      m.setManagedFields(compact(m.getManagedFields()));
      m.setOwnerReferences(compact(m.getOwnerReferences()));
      m.setAdditionalProperties(compact(m.getAdditionalProperties()));
    }
    return value;
  }

  /** Delegates to Jackson's own deserializer, then compacts what it returns. */
  private static final class Compacting extends DelegatingDeserializer {
    Compacting(ValueDeserializer<?> delegatee) {
      super(delegatee);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
      return new Compacting(delegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
      return compacted(super.deserialize(p, ctxt));
    }
  }
}

package dev.monobridge.projector.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompactMapTest {

    @Test
    void aCopyKeepsTheOrderTheValuesAndTheNulls() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("price", new BigDecimal("2.50"));
        row.put("resulted_at", null);

        Map<String, Object> copy = CompactMap.copyOf(row);

        assertThat(copy.keySet()).containsExactly("id", "price", "resulted_at");
        assertThat(copy.get("price")).isEqualTo(new BigDecimal("2.50"));
        assertThat(copy.containsKey("resulted_at")).isTrue();
        assertThat(copy.get("resulted_at")).isNull();
        assertThat(copy.containsKey("status")).isFalse();
    }

    @Test
    void itEqualsAnyMapWithTheSameEntriesBothWaysAndHashesAlike() {
        Map<String, Object> row = new LinkedHashMap<>(Map.of("id", 7L, "name", "Kauto Star"));
        Map<String, Object> copy = CompactMap.copyOf(row);
        Map<String, Object> sameShape = CompactMap.copyOf(new LinkedHashMap<>(row));

        assertThat(copy).isEqualTo(row).isEqualTo(sameShape).hasSameHashCodeAs(row);
        assertThat(row).isEqualTo(copy);
        assertThat(copy).isNotEqualTo(CompactMap.copyOf(Map.of("id", 8L, "name", "Kauto Star")));
    }

    @Test
    void itCannotBeChanged() {
        Map<String, Object> copy = CompactMap.copyOf(Map.of("id", 7L));

        assertThatThrownBy(() -> copy.put("id", 8L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(8L)).isInstanceOf(UnsupportedOperationException.class);
    }
}

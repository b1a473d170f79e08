package dev.monobridge.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/** The plan knows the tables a projection only looks up or aggregates: they are read, captured and traced. */
class ProjectionPlanFiguresTest {

    private final ProjectionPlan plan = new ProjectionPlan(List.of(new ProjectionDefinitionReader().readText("book.yaml", """
            name: order-book
            team: web
            collection: order_book
            version: 1
            root:
              table: inventory.customers
              key: id
              fields: [id]
              aggregates:
                lines: {count: inventory.order_lines, key: line_no, parent-key: customer_id}
              lists:
                orders:
                  table: inventory.orders
                  key: id
                  parent-key: purchaser
                  fields: [id]
                  order-by: [id]
                  max-items: 5
                  lookups:
                    product: {table: inventory.products, key: code, via: product_code, fields: [name]}
            """)));

    @Test
    void aLookedUpOrAggregatedTableIsWrittenFromAndKnowsItsKey() {
        assertThat(plan.tables()).contains("inventory.products", "inventory.order_lines");
        assertThat(plan.writes("inventory.products")).isTrue();
        assertThat(plan.writes("inventory.order_lines")).isTrue();
        assertThat(plan.keyColumn("inventory.products")).isEqualTo("code");
        assertThat(plan.keyColumn("inventory.order_lines")).isEqualTo("line_no");
        assertThat(plan.keyColumn("inventory.orders")).isEqualTo("id");
    }

    @Test
    void viaColumnsAndAggregateParentKeysAreIndexedLikeParentKeys() {
        assertThat(plan.parentKeyColumns().get("inventory.orders")).contains("purchaser", "product_code");
        assertThat(plan.parentKeyColumns().get("inventory.order_lines")).containsExactly("customer_id");
        assertThat(plan.columnsRead("inventory.products")).containsExactly("code", "name");
    }
}

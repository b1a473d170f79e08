package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.SourceSchema.ColumnType;

/** How {@code lookups:} and {@code aggregates:} are read, and checked against the source's schema. */
class LookupAndAggregateDefinitionsTest {

    private static final String ORDERS = """
            name: order-book
            team: web
            collection: order_book
            version: 1
            root:
              table: inventory.customers
              key: id
              fields: [id]
              aggregates:
                orderCount: {count: inventory.orders, parent-key: purchaser}
                spent: {sum: quantity, of: inventory.orders, parent-key: purchaser, filter: "quantity > 0"}
              lists:
                orders:
                  table: inventory.orders
                  key: id
                  parent-key: purchaser
                  fields: [id]
                  order-by: [id]
                  max-items: 5
                  lookups:
                    product: {table: inventory.products, key: id, via: product_id, fields: [name]}
            """;

    /** The inventory schema's columns and types. */
    private static final Map<String, Map<String, String>> INVENTORY = Map.of(
            "inventory.customers", Map.of("id", "int4", "first_name", "varchar"),
            "inventory.orders", Map.of("id", "int4", "purchaser", "int4", "product_id", "int4", "quantity", "int4", "note", "text"),
            "inventory.products", Map.of("id", "int4", "name", "varchar", "code", "varchar"));

    private static ProjectionDefinition read(String yaml) {
        return new ProjectionDefinitionReader().readText("orders.yaml", yaml);
    }

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> read(yaml)).problems().stream().map(ConfigProblem::toString).toList();
    }

    private static List<String> schemaProblems(String yaml) {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DefinitionValidator.validate(List.of(read(yaml)), schema()));
        return error.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static SourceSchema schema() {
        return new SourceSchema() {
            @Override
            public Optional<Set<String>> columns(String table) {
                return Optional.ofNullable(INVENTORY.get(table)).map(Map::keySet);
            }

            @Override
            public Optional<ColumnType> type(String table, String column) {
                return Optional.ofNullable(INVENTORY.get(table)).map(columns -> columns.get(column)).map(t -> new ColumnType(t, false));
            }
        };
    }

    @Test
    void aLookupAndAggregatesAreReadWithTheirDefaults() {
        NodeDefinition root = read(ORDERS).root();

        LookupDefinition product = root.lists().get(0).lookups().get(0);
        assertThat(product.field()).isEqualTo("product");
        assertThat(product.missing()).isEqualTo(LookupDefinition.Missing.NULL);
        assertThat(product.fields()).extracting(FieldMapping::field).containsExactly("name");
        assertThat(root.aggregates()).extracting(AggregateDefinition::field, AggregateDefinition::function, AggregateDefinition::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orderCount", AggregateDefinition.Function.COUNT, "id"),
                        org.assertj.core.groups.Tuple.tuple("spent", AggregateDefinition.Function.SUM, "id"));
        assertThat(root.lists().get(0).columnsRead()).contains("product_id");
    }

    @Test
    void theInventorySchemaPassesValidation() {
        assertThatCode(() -> DefinitionValidator.validate(List.of(read(ORDERS)), schema())).doesNotThrowAnyException();
    }

    @Test
    void aLookupOfALookupIsRefusedWithALineError() {
        assertThat(problems(ORDERS.replace("fields: [name]}", "fields: [name], lookups: {maker: {table: inventory.makers}}}")))
                .singleElement().asString()
                .startsWith("orders.yaml:21: lookup 'product' of list 'orders' has lookups of its own: a lookup of a lookup is not supported yet");
    }

    @Test
    void anUnknownMissingRuleSaysWhatItCanBe() {
        assertThat(problems(ORDERS.replace("fields: [name]}", "fields: [name], missing: skip}")))
                .containsExactly("orders.yaml:21: 'missing' of lookup 'product' of list 'orders' is 'skip', expected 'null' "
                        + "(the subdocument is null) or 'leave-out' (the entry is left out)");
    }

    @Test
    void anAggregateMustSayExactlyOneFigure() {
        assertThat(problems(ORDERS.replace("{count: inventory.orders, parent-key: purchaser}",
                "{count: inventory.orders, max: id, parent-key: purchaser}")))
                .containsExactly("orders.yaml:10: aggregate 'orderCount' of the root must say exactly one of 'count: schema.table', "
                        + "'sum: column', 'min: column' or 'max: column', not 2");
    }

    @Test
    void aLookupNamedAsAFieldIsALineError() {
        assertThat(problems(ORDERS.replace("fields: [id]\n      order-by", "fields: [id, product]\n      order-by")
                .replace("      fields: [id]\n      order-by", "      fields: [id, product]\n      order-by")))
                .containsExactly("orders.yaml:21: lookup 'product' has the same name as another field of list 'orders'");
    }

    @Test
    void unknownTablesAndColumnsOfLookupsAndAggregatesAreLineErrors() {
        String broken = ORDERS.replace("table: inventory.products, key: id, via: product_id, fields: [name]",
                        "table: inventory.products, key: id, via: produkt_id, fields: [nmae]")
                .replace("{count: inventory.orders, parent-key: purchaser}", "{count: inventory.order, parent-key: purchaser}")
                .replace("sum: quantity", "sum: quantty");

        assertThat(schemaProblems(broken)).containsExactly(
                "orders.yaml:10: aggregate 'orderCount': table inventory.order does not exist in the source database",
                "orders.yaml:11: aggregate 'spent' sum column 'quantty' does not exist in inventory.orders (did you mean 'quantity'?)"
                        + " (columns: id, note, product_id, purchaser, quantity)",
                "orders.yaml:21: lookup 'product' via column 'produkt_id' does not exist in inventory.orders (did you mean 'product_id'?)"
                        + " (columns: id, note, product_id, purchaser, quantity)",
                "orders.yaml:21: lookup 'product' field column 'nmae' does not exist in inventory.products (did you mean 'name'?)"
                        + " (columns: code, id, name)");
    }

    @Test
    void aViaColumnOfAnotherTypeThanTheReferencedKeyIsALineError() {
        assertThat(schemaProblems(ORDERS.replace("key: id, via: product_id", "key: code, via: product_id")))
                .containsExactly("orders.yaml:21: lookup 'product': via column 'product_id' of inventory.orders is int4, but the key "
                        + "'code' of inventory.products is varchar: the via column holds the referenced row's key, so their types must match");
    }

    @Test
    void aSumOfATextColumnIsALineError() {
        assertThat(schemaProblems(ORDERS.replace("sum: quantity", "sum: note")))
                .containsExactly("orders.yaml:11: aggregate 'spent' sums 'note' of inventory.orders, which is text: a sum is of a numeric column");
    }
}

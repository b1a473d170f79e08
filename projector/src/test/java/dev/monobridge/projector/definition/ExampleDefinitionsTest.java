package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The example definitions in docs/examples are the ones the golden cases run, and they pass validation
 * against the schema they are written for, so that the README's examples cannot drift from what works.
 */
class ExampleDefinitionsTest {

    private static final Path CUSTOMER_PROFILE = Path.of("../docs/examples/customer-profile.yaml");

    /** Debezium's tutorial "inventory" schema, as its PostgreSQL image creates it. */
    private static final Map<String, Set<String>> INVENTORY = Map.of(
            "inventory.customers", Set.of("id", "first_name", "last_name", "email"),
            "inventory.addresses", Set.of("id", "customer_id", "street", "city", "state", "zip", "type"),
            "inventory.orders", Set.of("id", "order_date", "purchaser", "quantity", "product_id"),
            "inventory.products", Set.of("id", "name", "description", "weight"));

    @Test
    void theCustomerProfileExampleIsTheGoldenCaseItClaimsToBe() throws IOException {
        Path golden = Path.of("src/test/resources/golden/lookup-fills-in-the-referenced-row/projection.yaml");

        assertThat(Files.readString(CUSTOMER_PROFILE)).isEqualTo(Files.readString(golden));
    }

    @Test
    void theCustomerProfileExampleIsValidAgainstTheInventorySchema() throws IOException {
        ProjectionDefinition profile = new ProjectionDefinitionReader().readText(CUSTOMER_PROFILE.toString(),
                Files.readString(CUSTOMER_PROFILE));
        SourceSchema inventory = table -> Optional.ofNullable(INVENTORY.get(table));

        assertThatCode(() -> DefinitionValidator.validate(List.of(profile), inventory)).doesNotThrowAnyException();
        assertThat(profile.root().lists()).extracting(NodeDefinition::field).containsExactly("addresses", "orders");
        assertThat(profile.root().lists().get(1).lookups()).extracting(LookupDefinition::field).containsExactly("product");
        assertThat(profile.root().aggregates()).extracting(AggregateDefinition::field).containsExactly("orderCount");
    }
}

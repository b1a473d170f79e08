package dev.monobridge.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * Which projections can be split between sink tasks, on the demo's definitions and small ones written for
 * each rule, with the source settings a split one needs.
 */
class RootKeyRoutingTest {

    private static final Path PROJECTIONS = Path.of("../config/projections");

    private static ProjectionDefinition demo(String name) {
        return new ProjectionDefinitionReader().readDirectory(PROJECTIONS).stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static ProjectionDefinition inline(String file, String yaml) {
        return new ProjectionDefinitionReader().readText(file, yaml);
    }

    /** An event page whose selections read a copy of their event's id, or not. */
    private static ProjectionDefinition eventPage(String selectionFields) {
        return inline("event.yaml", """
                name: event
                team: web
                collection: event
                version: 1
                root:
                  table: public.event
                  key: id
                  fields: {id: id}
                  lists:
                    markets:
                      table: public.market
                      key: id
                      parent-key: event_id
                      fields: {id: id}
                      order-by: [id asc]
                      max-items: 10
                      lists:
                        selections:
                          table: public.selection
                          key: id
                          parent-key: market_id
                          fields: {%s}
                          order-by: [id asc]
                          max-items: 10
                """.formatted(selectionFields));
    }

    @Test
    void aRootWithOneListIsSplitByTheRootsKeyAndTheListsParentKey() {
        RootKeyRouting routing = RootKeyRouting.of(List.of(demo("customer-bets")));

        assertThat(routing.splittable()).isTrue();
        assertThat(routing.reasons()).isEmpty();
        assertThat(routing.columns()).containsExactly(Map.entry("public.bet", "customer_id"), Map.entry("public.customer", "id"));
        assertThat(routing.requirements()).containsExactly("alter table public.bet replica identity full; -- deletes must carry customer_id");
    }

    @Test
    void aLookupCannotBeRoutedToOneRootButARootsAggregateIsRoutedByItsParentKey() {
        ProjectionDefinition stakes = inline("stakes.yaml", """
                name: stakes
                team: web
                collection: stakes
                version: 1
                root:
                  table: public.customer
                  key: id
                  fields: [id]
                  aggregates:
                    openStake: {sum: stake, of: public.bet, parent-key: customer_id}
                """);
        ProjectionDefinition withLookup = inline("bets.yaml", """
                name: bets
                team: web
                collection: bets
                version: 1
                root:
                  table: public.customer
                  key: id
                  fields: [id]
                  lists:
                    bets:
                      table: public.bet
                      key: id
                      parent-key: customer_id
                      fields: [id]
                      order-by: [id]
                      max-items: 5
                      lookups:
                        selection: {table: public.selection, key: id, via: selection_id, fields: [name]}
                """);

        RootKeyRouting aggregated = RootKeyRouting.of(List.of(stakes));
        assertThat(aggregated.splittable()).isTrue();
        assertThat(aggregated.requirements()).containsExactly("alter table public.bet replica identity full; -- deletes must carry customer_id");
        assertThat(RootKeyRouting.of(List.of(withLookup)).reasons()).containsExactly("bets.yaml:18: lookup 'selection' shows rows of "
                + "public.selection under many roots of public.customer: its records cannot be routed to one root's partition");
    }

    @Test
    void aTableBelowAListThatHoldsOnlyItsParentsKeyCannotBeRoutedToItsRoot() {
        RootKeyRouting routing = RootKeyRouting.of(List.of(demo("event-page")));

        assertThat(routing.splittable()).isFalse();
        assertThat(routing.columns()).isEmpty();
        assertThat(routing.reasons()).singleElement().asString()
                .startsWith("../config/projections/event-page.yaml:")
                .contains("public.selection sits below public.market and holds only market_id, not the key of its root"
                        + " public.event (event_id)")
                .contains("without a join");
        assertThat(RootKeyRouting.of(List.of(demo("racing-homepage"))).reasons()).singleElement().asString()
                .contains("public.runner sits below public.race and holds only race_id");
    }

    @Test
    void aTableBelowAListThatReadsACopyOfTheRootsKeyIsRoutedByIt() {
        RootKeyRouting routing = RootKeyRouting.of(List.of(eventPage("id: id, event_id: eventId")));

        assertThat(routing.splittable()).isTrue();
        assertThat(routing.columns()).containsExactly(Map.entry("public.event", "id"), Map.entry("public.market", "event_id"),
                Map.entry("public.selection", "event_id"));
        assertThat(RootKeyRouting.of(List.of(eventPage("id: id"))).reasons()).singleElement().asString()
                .startsWith("event.yaml:19: public.selection sits below public.market");
    }

    @Test
    void aTableTwoProjectionsWouldRouteByDifferentColumnsCannotBeSplit() {
        ProjectionDefinition selections = inline("selections.yaml", """
                name: selections
                team: web
                collection: selections
                version: 1
                root:
                  table: public.selection
                  key: id
                  fields: {id: id}
                """);

        RootKeyRouting routing = RootKeyRouting.of(List.of(eventPage("id: id, event_id: eventId"), selections));

        assertThat(routing.splittable()).isFalse();
        assertThat(routing.reasons()).singleElement().asString()
                .isEqualTo("selections.yaml:6: public.selection would be routed by id here and by event_id for event:"
                        + " a topic has one partitioning; run the two projections in separate sinks");
    }

    @Test
    void theSourceSettingsRouteEachTablesTopicByItsOwnColumnIntoEqualPartitions() {
        Map<String, String> settings = RootKeyRouting.of(List.of(demo("customer-bets"))).sourceSettings("monobridge", 4);

        assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("transforms", "rootKey_public_bet,rootKey_public_customer"),
                Map.entry("transforms.rootKey_public_bet.type", "io.debezium.transforms.partitions.PartitionRouting"),
                Map.entry("transforms.rootKey_public_bet.partition.payload.fields", "change.customer_id"),
                Map.entry("transforms.rootKey_public_bet.partition.topic.num", "4"),
                Map.entry("transforms.rootKey_public_bet.predicate", "topic_public_bet"),
                Map.entry("transforms.rootKey_public_customer.type", "io.debezium.transforms.partitions.PartitionRouting"),
                Map.entry("transforms.rootKey_public_customer.partition.payload.fields", "change.id"),
                Map.entry("transforms.rootKey_public_customer.partition.topic.num", "4"),
                Map.entry("transforms.rootKey_public_customer.predicate", "topic_public_customer"),
                Map.entry("predicates", "topic_public_bet,topic_public_customer"),
                Map.entry("predicates.topic_public_bet.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
                Map.entry("predicates.topic_public_bet.pattern", "monobridge\\.public\\.bet"),
                Map.entry("predicates.topic_public_customer.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"),
                Map.entry("predicates.topic_public_customer.pattern", "monobridge\\.public\\.customer"),
                Map.entry("topic.creation.groups", "rootKeyRouted"),
                Map.entry("topic.creation.rootKeyRouted.include", "monobridge\\.public\\.bet,monobridge\\.public\\.customer"),
                Map.entry("topic.creation.rootKeyRouted.partitions", "4")));
    }

    @Test
    void noSourceSettingsAreGivenForAProjectionThatCannotBeSplit() {
        assertThatThrownBy(() -> RootKeyRouting.of(List.of(demo("event-page"))).sourceSettings("monobridge", 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("public.selection");
    }
}

package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.FAVOURITES;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.definition;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.NodeDefinition;

class DocumentDiffTest {

    private static final NodeDefinition RACE = definition(RACE_CARD).root();
    private static final NodeDefinition RACE_FAVOURITES = definition(FAVOURITES).root();
    private static final DocumentPath RUNNERS = DocumentPath.root().field("runners");

    @Test
    void aSinglePriceChangeInAListOfAThousandEntriesSetsOnlyThatEntrysPrice() {
        Map<String, Object> before = race(1_000);
        Map<String, Object> after = race(1_000);
        runner(after, 500).put("price", price("3.25"));

        DocumentDiff diff = DocumentDiff.between(RACE, before, after);

        assertThat(diff.sets()).containsExactly(
                new DocumentWrite.SetValue(RUNNERS.entry("id", 500L).field("price"), price("3.25")));
        assertThat(diff.unsets()).isEmpty();
    }

    @Test
    void aChangeThatReordersABoundedListSetsOnlyThatList() {
        Map<String, Object> before = row("id", 1L, "name", "King George VI Chase", "favourites", new ArrayList<>(List.of(
                row("id", 1L, "horse", "Arkle", "price", price("2.50")),
                row("id", 2L, "horse", "Best Mate", "price", price("3.00")),
                row("id", 3L, "horse", "Desert Orchid", "price", price("4.00")))));
        List<Map<String, Object>> reordered = List.of(
                row("id", 2L, "horse", "Best Mate", "price", price("2.00")),
                row("id", 1L, "horse", "Arkle", "price", price("2.50")),
                row("id", 3L, "horse", "Desert Orchid", "price", price("4.00")));
        Map<String, Object> after = row("id", 1L, "name", "King George VI Chase", "favourites", reordered);

        DocumentDiff diff = DocumentDiff.between(RACE_FAVOURITES, before, after);

        assertThat(diff.sets()).containsExactly(
                new DocumentWrite.SetValue(DocumentPath.root().field("favourites"), reordered));
        assertThat(diff.unsets()).isEmpty();
    }

    @Test
    void anEntryLeavingTheListSetsTheList() {
        Map<String, Object> before = race(3);
        Map<String, Object> after = race(3);
        entries(after).remove(1);

        DocumentDiff diff = DocumentDiff.between(RACE, before, after);

        assertThat(diff.sets()).extracting(DocumentWrite.SetValue::path).containsExactly(RUNNERS);
    }

    @Test
    void aRootFieldChangeSetsOnlyThatField() {
        Map<String, Object> before = race(100);
        Map<String, Object> after = race(100);
        after.put("name", "King George VI Chase (Grade 1)");

        DocumentDiff diff = DocumentDiff.between(RACE, before, after);

        assertThat(diff.sets()).containsExactly(
                new DocumentWrite.SetValue(DocumentPath.root().field("name"), "King George VI Chase (Grade 1)"));
    }

    @Test
    void aFieldNoLongerRenderedIsUnset() {
        Map<String, Object> before = race(2);
        Map<String, Object> after = race(2);
        runner(after, 1).remove("horse");

        DocumentDiff diff = DocumentDiff.between(RACE, before, after);

        assertThat(diff.sets()).isEmpty();
        assertThat(diff.unsets()).containsExactly(RUNNERS.entry("id", 1L).field("horse"));
    }

    @Test
    void identicalRenderingsNeedNoWrite() {
        DocumentDiff diff = DocumentDiff.between(RACE, race(50), race(50));

        assertThat(diff.sets()).isEmpty();
        assertThat(diff.unsets()).isEmpty();
    }

    /** A race document as the renderer gives it, with runners 1..n in cloth order. */
    private static Map<String, Object> race(int runners) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (long id = 1; id <= runners; id++) {
            entries.add(row("id", id, "horse", "Horse " + id, "cloth", id, "price", price("10.00")));
        }
        return new LinkedHashMap<>(row("id", 1L, "name", "King George VI Chase", "runners", entries));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> race) {
        return (List<Map<String, Object>>) race.get("runners");
    }

    private static Map<String, Object> runner(Map<String, Object> race, long id) {
        return entries(race).stream().filter(e -> e.get("id").equals(id)).findFirst().orElseThrow();
    }
}

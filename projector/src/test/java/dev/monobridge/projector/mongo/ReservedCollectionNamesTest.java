package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.CollectionNames;
import dev.monobridge.projector.rebuild.ProjectionRebuild;

/** The names a definition may not use are exactly those the bridge keeps for itself and drops. */
class ReservedCollectionNamesTest {

    @Test
    void everyCollectionTheBridgeKeepsForItselfHasTheReservedPrefix() {
        for (String own : List.of(MongoProjectionStore.STATES, MongoProjectionStore.DEAD_LETTERS, MongoProjectionStore.PROJECTOR)) {
            assertThat(CollectionNames.problem(own)).as(own).isPresent();
            assertThat(own).startsWith(CollectionNames.RESERVED_PREFIX);
        }
    }

    @Test
    void aRebuildsShadowHasANameNoProjectionMayUse() {
        String shadow = ProjectionRebuild.shadowCollection("racing_homepage");

        assertThat(CollectionNames.problem("racing_homepage")).isEmpty();
        assertThat(CollectionNames.problem(shadow)).hasValueSatisfying(problem -> assertThat(problem).contains("rebuild shadows"));
    }
}

package dev.monobridge.capture.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

class MariaDbPositionsTest {

    /** The fields of the MariaDB connector's source block that positions are read from (spike: file, pos, row). */
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("file", Schema.STRING_SCHEMA).field("pos", Schema.INT64_SCHEMA).field("row", Schema.INT32_SCHEMA).build();

    private final MariaDbPositions positions = new MariaDbPositions();

    @Test
    void aSnapshotReadOrdersBeforeEveryChangeStreamedAfterTheSnapshotAndAfterEveryChangeItSaw() {
        // The snapshot's position is the binlog's end then; the next transaction's row events start beyond it.
        SourcePosition snapshot = position("binlog.000001", 3119, 7, Op.READ);
        SourcePosition nextChange = position("binlog.000001", 3313, 0, Op.CREATE);
        SourcePosition seenChange = position("binlog.000001", 2900, 1, Op.UPDATE);

        assertThat(nextChange).isGreaterThan(snapshot);
        assertThat(seenChange).isLessThan(snapshot);
        assertThat(snapshot.event()).as("every snapshot read at row 0").isZero();
    }

    @Test
    void rowsOfOneEventAndEventsOfOneTransactionKeepTheirOrder() {
        assertThat(position("binlog.000001", 3313, 1, Op.CREATE)).isGreaterThan(position("binlog.000001", 3313, 0, Op.CREATE));
        assertThat(position("binlog.000001", 3516, 0, Op.UPDATE)).isGreaterThan(position("binlog.000001", 3313, 1, Op.CREATE));
    }

    @Test
    void aLaterBinlogFileOrdersAfterAnyOffsetOfAnEarlierOne() {
        // A restart or a FLUSH LOGS rotates to the next file, whose offsets start small again.
        assertThat(position("binlog.000002", 256, 0, Op.CREATE)).isGreaterThan(position("binlog.000001", 1_073_741_824L, 99, Op.CREATE));
        assertThat(SourcePosition.parse(position("binlog.000002", 256, 0, Op.CREATE).toString()))
                .as("its stored text compares the same way").isEqualTo(position("binlog.000002", 256, 0, Op.CREATE));
    }

    @Test
    void aBinlogFileNameWithoutASequenceNumberIsAnError() {
        assertThatThrownBy(() -> position("binlog", 4, 0, Op.CREATE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a binlog file name: 'binlog'");
    }

    private SourcePosition position(String file, long pos, int row, Op op) {
        return positions.of(new Struct(SOURCE).put("file", file).put("pos", pos).put("row", row), op);
    }
}

/**
 * MariaDB through Debezium's MariaDB connector (3.5.0): a row-based binlog, positions from binlog
 * files and offsets, the schema history in a file beside the offsets, and consistent-snapshot reads
 * for rebuilds. See docs/source-seam.md and docs/notes/debezium-mariadb-spike.md.
 */
package dev.monobridge.capture.source.mariadb;

/** Plain JDBC access to the source database: its schema, for validating definitions. */
package dev.monobridge.projector.jdbc;

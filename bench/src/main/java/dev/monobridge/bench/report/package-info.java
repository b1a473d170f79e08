/** The Markdown table, CSV files, PNG charts and target verdicts of a run. */
package dev.monobridge.bench.report;

/**
 * The source-adapter seam: {@link dev.monobridge.capture.source.SourceAdapter}, one implementation
 * per database in a sub-package named after it ({@code postgres}, {@code mariadb}). Nothing outside those sub-packages
 * names a database; {@code ArchitectureTest} holds that.
 */
package dev.monobridge.capture.source;

package dev.monobridge.connector.cli;

/**
 * A command that connects to the source or to MongoDB. {@link ErrorHandler} asks it what it was
 * connecting to when a connection fails, so that the one line it prints names what was tried.
 */
interface Connects {

    /** What the command connects to; {@link ConnectionTargets#NONE} until it has read its settings. */
    ConnectionTargets targets();
}

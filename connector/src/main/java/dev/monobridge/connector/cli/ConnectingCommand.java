package dev.monobridge.connector.cli;

import java.util.concurrent.Callable;

/**
 * A command that connects to the source or MongoDB: it says what it connects to as soon as it has read its
 * settings, so that a connection failure names what was tried ({@link ErrorHandler}).
 */
abstract class ConnectingCommand implements Callable<Integer>, Connects {

    private ConnectionTargets targets = ConnectionTargets.NONE;

    @Override
    public final ConnectionTargets targets() {
        return targets;
    }

    /** Records what the command is about to connect to. */
    protected final void connectingTo(ConnectionTargets targets) {
        this.targets = targets;
    }
}

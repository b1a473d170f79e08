package dev.monobridge.capture.source;

/**
 * One thing about the source's setup that would stop capture, found before capture starts: what is
 * wrong and what to do about it, usually the SQL to run. Printed as one line.
 */
public record SetupProblem(String what, String fix) {

    @Override
    public String toString() {
        return what + ": " + fix;
    }
}

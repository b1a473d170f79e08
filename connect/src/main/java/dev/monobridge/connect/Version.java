package dev.monobridge.connect;

/** The plugin's version, as the build wrote it into the jar's manifest. */
final class Version {

    /** When the classes run from a build directory, not a jar (tests in the IDE). */
    private static final String UNPACKAGED = "unknown";

    private Version() {
    }

    static String of() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? UNPACKAGED : version;
    }
}

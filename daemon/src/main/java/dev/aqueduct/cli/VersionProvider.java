package dev.aqueduct.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = AqueductCommand.class.getPackage().getImplementationVersion();
        return new String[] {"aqueduct " + (version == null ? "development build" : version)};
    }
}

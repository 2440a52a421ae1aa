package org.lossforge.k8s;

/** The header of every generated manifest. */
final class Generated {

    private Generated() {
    }

    static String header(String what, String generator) {
        return "# GENERATED: " + what + ".\n"
                + "# Do not edit: change the source and run ./lossforge k8s generate (" + generator + ");\n"
                + "# ManifestsInSyncTest fails when this file and its source disagree. Deployment-specific changes go in\n"
                + "# an overlay (k8s/overlays).\n";
    }
}

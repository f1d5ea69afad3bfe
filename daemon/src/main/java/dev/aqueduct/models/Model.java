package dev.aqueduct.models;

import java.util.List;

/** A model as clients name it, with the deployments that serve it, in the order they are tried. */
public record Model(String name, List<String> aliases, List<Deployment> deployments) {
}

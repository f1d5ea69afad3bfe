package dev.aqueduct.identity;

import dev.aqueduct.keys.CreatedKey;

/** What {@link IdentityService#bootstrap} created; the key's secret is in here and nowhere else. */
public record BootstrapResult(Organization organization, User admin, CreatedKey managementKey) {
}

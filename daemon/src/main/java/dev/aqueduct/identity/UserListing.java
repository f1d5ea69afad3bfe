package dev.aqueduct.identity;

import java.util.List;

/** A user with the organizations they belong to, for listings. */
public record UserListing(User user, List<Membership> memberships) {
    public UserListing {
        memberships = List.copyOf(memberships);
    }
}

package dev.aqueduct.keys;

import dev.aqueduct.store.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, lists and revokes API keys, and finds the key behind a request's secret.
 *
 * <p>Every method runs in the caller's transaction when called inside {@code jdbi.inTransaction}
 * on the same thread (Jdbi hands nested calls the thread's open handle), so other services can
 * make a key part of a larger change.
 */
public final class KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
    private static final int MAX_NAME_LENGTH = 100;
    private static final RowMapper<KeyRecord> KEY_MAPPER = new ApiKeyDao.RecordMapper();

    private final Jdbi jdbi;
    private final Clock clock;

    public KeyService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Creates a key and returns it with its secret, which is not stored and cannot be shown again.
     *
     * @param expiresAt when the key stops working, or null for never
     * @throws KeyException when the name is empty or too long, or {@code expiresAt} is not in the future
     */
    public CreatedKey create(KeyOwner owner, String name, KeyScope scope, @Nullable Instant expiresAt) {
        String keyName = checkedName(name);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new KeyException("Expiry " + expiresAt + " is not in the future");
        }
        String secret = KeySecrets.generate(scope);
        String id = Ids.next("key");
        KeyRecord key = jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            dao.insert(id, KeySecrets.hash(secret), KeySecrets.prefix(secret), keyName,
                    scope.name().toLowerCase(Locale.ROOT), owner, now, expiresAt);
            return dao.findById(id).orElseThrow();
        });
        LOG.info("Key created id={} prefix={} scope={} org={}", id, key.prefix(),
                scope.name().toLowerCase(Locale.ROOT), key.orgId());
        return new CreatedKey(key, secret);
    }

    /** Every key, or only the keys of one user, oldest first. */
    public List<KeyRecord> list(@Nullable String userId) {
        return listWithOwners(userId).stream().map(KeyListing::key).toList();
    }

    /** Like {@link #list}, with each owner's email or service account name. */
    public List<KeyListing> listWithOwners(@Nullable String userId) {
        return jdbi.withExtension(ApiKeyDao.class, dao -> userId == null ? dao.findAll() : dao.findByUser(userId));
    }

    /**
     * Revokes the key with this id or visible prefix. Revoking a revoked key changes nothing and
     * says so in the result.
     *
     * @throws UnknownKeyException when no key matches
     * @throws KeyException when the prefix matches several keys
     */
    public Revocation revoke(String idOrPrefix) {
        String value = idOrPrefix.strip();
        Revocation revocation = jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            KeyRecord key = single(value, dao.findByIdOrPrefix(value));
            boolean changed = dao.revoke(key.id(), clock.instant()) == 1;
            return new Revocation(dao.findById(key.id()).orElseThrow(), !changed);
        });
        if (!revocation.alreadyRevoked()) {
            LOG.info("Key revoked id={} prefix={}", revocation.key().id(), revocation.key().prefix());
        }
        return revocation;
    }

    /**
     * The key whose secret hashes to {@code sha256Hex}, in whatever state it is; check
     * {@link KeyRecord#activeAt} before honouring it. One indexed query.
     */
    public Optional<KeyRecord> findByHash(String sha256Hex) {
        return jdbi.withHandle(handle -> handle.createQuery(ApiKeyDao.FIND_BY_HASH)
                .bind("hash", sha256Hex)
                .map(KEY_MAPPER)
                .findOne());
    }

    /** Records when keys were last used; a time older than the stored one is ignored. */
    public void touchLastUsed(Map<String, Instant> lastUseByKeyId) {
        if (lastUseByKeyId.isEmpty()) {
            return;
        }
        // A fixed order keeps concurrent writers on PostgreSQL from locking rows in opposite orders.
        TreeMap<String, Instant> sorted = new TreeMap<>(lastUseByKeyId);
        List<String> ids = new ArrayList<>(sorted.keySet());
        List<Instant> times = new ArrayList<>(sorted.values());
        jdbi.useExtension(ApiKeyDao.class, dao -> dao.touchLastUsed(ids, times));
    }

    private static KeyRecord single(String value, List<KeyRecord> matches) {
        if (matches.isEmpty()) {
            throw new UnknownKeyException(value);
        }
        if (matches.size() > 1) {
            List<String> ids = matches.stream().map(KeyRecord::id).toList();
            throw new KeyException("Prefix '" + value + "' matches " + matches.size() + " keys ("
                    + String.join(", ", ids) + "); revoke by id instead");
        }
        return matches.getFirst();
    }

    private static String checkedName(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty()) {
            throw new KeyException("A key needs a name");
        }
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new KeyException("Key name is " + stripped.length() + " characters long; the limit is "
                    + MAX_NAME_LENGTH);
        }
        return stripped;
    }
}

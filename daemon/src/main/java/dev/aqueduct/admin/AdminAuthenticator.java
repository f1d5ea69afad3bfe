package dev.aqueduct.admin;

import dev.aqueduct.auth.KeyAuthenticator;
import dev.aqueduct.http.ApiException;
import dev.aqueduct.identity.OrgRole;
import dev.aqueduct.keys.KeyRecord;
import dev.aqueduct.keys.KeyScope;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Finds who calls the admin API from {@code Authorization: Bearer <token>}. Management keys
 * ({@code aqm-...}) act as their owner; inference keys ({@code aqk-...}) are refused with 401, as
 * they are not credentials for this API; any other token goes to the configured sign-in, and is
 * refused with 401 when there is none. Roles and the disabled flag are read from the database on
 * every call, so a change of role or a disabled user takes effect on the next call.
 */
final class AdminAuthenticator {
    private static final String BEARER = "bearer ";

    private final Jdbi jdbi;
    private final KeyAuthenticator keys;
    private final @Nullable BearerSignIn signIn;

    AdminAuthenticator(Jdbi jdbi, KeyAuthenticator keys, @Nullable BearerSignIn signIn) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.signIn = signIn;
    }

    Caller authenticate(HttpServerExchange exchange) {
        String token = bearerToken(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (token.startsWith(KeyScope.INFERENCE.secretPrefix())) {
            throw AdminErrors.unauthorized("Inference keys cannot call the admin API; use a management key (aqm-...)");
        }
        if (token.startsWith(KeyScope.MANAGEMENT.secretPrefix())) {
            return fromKey(token);
        }
        if (signIn == null) {
            throw AdminErrors.unauthorized("Unknown credentials: this gateway accepts management keys (aqm-...) here"
                    + " and has no sign-in configured");
        }
        String userId = signIn.userId(token)
                .orElseThrow(() -> AdminErrors.unauthorized("The sign-in token is invalid or expired"));
        return forUser(userId, null);
    }

    private static String bearerToken(@Nullable String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw AdminErrors.unauthorized("Missing credentials: send 'Authorization: Bearer <management key>'");
        }
        String value = authorization.strip();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw AdminErrors.unauthorized("The Authorization header must be 'Bearer <management key>'");
        }
        String token = value.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.length() > BearerSignIn.MAX_TOKEN_CHARS) {
            throw AdminErrors.unauthorized("The bearer token is empty or too long");
        }
        return token;
    }

    private Caller fromKey(String secret) {
        KeyRecord key;
        try {
            key = keys.authenticate(Optional.of(secret), KeyScope.MANAGEMENT);
        } catch (ApiException e) {
            throw AdminErrors.unauthorized(e.getMessage());
        }
        if (key.serviceAccountId() != null) {
            return forServiceAccount(key);
        }
        return forUser(String.valueOf(key.userId()), key.id());
    }

    private Caller forUser(String userId, @Nullable String keyId) {
        return jdbi.withExtension(CallerDao.class, dao -> {
            CallerDao.UserFlags user = dao.findUser(userId)
                    .orElseThrow(() -> AdminErrors.unauthorized("The signed-in user no longer exists"));
            if (user.disabled()) {
                throw AdminErrors.unauthorized("This user is disabled");
            }
            Map<String, OrgRole> orgRoles = new HashMap<>();
            dao.findOrgSeats(userId).forEach(seat -> orgRoles.put(seat.orgId(), seat.orgRole()));
            return new Caller(userId, keyId, null, user.admin(), orgRoles, seats(dao.findTeamSeats(userId)));
        });
    }

    private Caller forServiceAccount(KeyRecord key) {
        String accountId = String.valueOf(key.serviceAccountId());
        CallerDao.Seat seat = jdbi.withExtension(CallerDao.class, dao -> dao.findServiceAccountSeat(accountId))
                .orElseThrow(() -> AdminErrors.unauthorized("The key's service account no longer exists"));
        return new Caller(null, key.id(), accountId, false, Map.of(), seats(List.of(seat)));
    }

    private static Map<String, TeamSeat> seats(List<CallerDao.Seat> rows) {
        Map<String, TeamSeat> teams = new HashMap<>();
        rows.forEach(row -> teams.put(row.id(), new TeamSeat(row.id(), row.orgId(), row.teamAdmin())));
        return teams;
    }
}

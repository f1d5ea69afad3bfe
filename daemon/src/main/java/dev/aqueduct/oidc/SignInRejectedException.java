package dev.aqueduct.oidc;

import dev.aqueduct.common.AqueductException;

/** A token did not sign anyone in; the message is safe to log and never holds the token. */
final class SignInRejectedException extends AqueductException {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    SignInRejectedException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    SignInRejectedException(RejectReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}

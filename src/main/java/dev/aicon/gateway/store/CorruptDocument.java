package dev.aicon.gateway.store;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;
import org.jspecify.annotations.Nullable;

/** A stored AIcon could not be read back; the backend has set the damaged copy aside. */
public class CorruptDocument extends GatewayFailure {

    public CorruptDocument(String id, @Nullable String detail, @Nullable Throwable cause) {
        super(FailureKind.STORED_DOCUMENT_CORRUPT, id, "stored AIcon '" + id + "' is unreadable: " + detail, cause);
    }

    /** The message, and what it means for the client: only this AIcon is affected, until an operator acts. */
    @Override
    public String detail() {
        return getMessage() + "; other AIcons are unaffected, and this one answers so until an operator restores it "
                + "or deletes it (DELETE without If-Match)";
    }
}

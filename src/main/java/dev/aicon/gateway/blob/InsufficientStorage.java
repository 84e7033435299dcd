package dev.aicon.gateway.blob;

import dev.aicon.gateway.failure.FailureKind;
import dev.aicon.gateway.failure.GatewayFailure;

/** A write would pass a disk quota ({@code aicon.blob.local-max-bytes} or {@code aicon.blob.spool-max-bytes}). */
public class InsufficientStorage extends GatewayFailure {

    public InsufficientStorage(String quota, long wanted, long used, long max) {
        super(
                FailureKind.INSUFFICIENT_STORAGE,
                null,
                "not enough room for the brain: " + wanted + " more bytes would " + "pass the disk quota of " + max
                        + " bytes (" + quota + ", " + used + " in use); nothing was stored");
    }
}

-- Inline brains (stored size up to aicon.blob.inline-max-bytes). Larger ones live in GCS or the local blob
-- directory; the AIcon document's "brain" field says where. Objects are written once, under a unique name.
CREATE TABLE aicon_brains (
    object      text COLLATE "C" PRIMARY KEY,
    bytes       bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

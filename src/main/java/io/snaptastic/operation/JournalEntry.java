package io.snaptastic.operation;

/** An operation as the journal keeps it: with the Idempotency-Key and request fingerprint that made it. */
record JournalEntry(Operation operation, String idempotencyKey, String requestFingerprint) {}

package io.snaptastic.snapshotter;

/** The userdata lacks a key that a snapshotter's tags or volumes need (the seed's KeyError, made clear). */
public class MissingUserdataException extends RuntimeException {

    public MissingUserdataException(String snapshotter, String key) {
        super("snapshotter '" + snapshotter + "' needs the userdata key '" + key + "', and the userdata has none");
    }
}

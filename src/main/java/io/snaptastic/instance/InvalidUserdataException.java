package io.snaptastic.instance;

/** Userdata that is not a JSON object, so no filter tag or volume can be read from it. */
public class InvalidUserdataException extends RuntimeException {

    public InvalidUserdataException(String message) {
        super(message);
    }
}

package io.snaptastic.host;

/** An operand (device, mount point, volume id, option) that fails the allow-list; nothing was run. */
public class InvalidOperandException extends RuntimeException {

    public InvalidOperandException(String message) {
        super(message);
    }
}

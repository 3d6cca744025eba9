package io.snaptastic.sandbox;

/** An error answered in EC2's envelope: its code, message and HTTP status. */
final class Ec2Error extends RuntimeException {

    private final String code;
    private final int status;

    Ec2Error(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static Ec2Error client(String code, String message) {
        return new Ec2Error(400, code, message);
    }

    static Ec2Error invalidValue(String message) {
        return client("InvalidParameterValue", message);
    }

    static Ec2Error missing(String parameter) {
        return client("MissingParameter", "The request must contain the parameter " + parameter);
    }

    static Ec2Error combination(String message) {
        return client("InvalidParameterCombination", message);
    }

    static Ec2Error incorrectState(String message) {
        return client("IncorrectState", message);
    }

    static Ec2Error volumeNotFound(String id) {
        return client("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
    }

    static Ec2Error snapshotNotFound(String id) {
        return client("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
    }

    static Ec2Error instanceNotFound(String id) {
        return client("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // An expected answer, not a bug: no stack trace to pay for.
        return this;
    }
}

package dev.monobridge.connector.http;

/**
 * A request that cannot be answered as asked: the status to send, and a message for the client. The
 * message must never carry a token or a stack trace.
 */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}

package org.lossforge.services.common;

/**
 * A record decoded fine but cannot be processed: unknown benchmark or dataset, a bad loss spec, a wrong score count.
 * {@link #code()} is a short machine-readable word (upper case, e.g. {@code UNKNOWN_BENCHMARK}); the message is
 * {@code CODE: detail}, which becomes the dead letter's reason. Not retriable: the same bytes fail the same way.
 */
public class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public InvalidRecordException(String code, String detail) {
        this(code, detail, null);
    }

    public InvalidRecordException(String code, String detail, Throwable cause) {
        super(checkCode(code) + ": " + detail, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    private static String checkCode(String code) {
        if (code == null || !code.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("dead-letter code must be UPPER_SNAKE, got '" + code + "'");
        }
        return code;
    }
}

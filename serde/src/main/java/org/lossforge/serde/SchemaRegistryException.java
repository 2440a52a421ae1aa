package org.lossforge.serde;

/**
 * A schema registry call failed. {@link #status()} is the HTTP status ({@code -1} when the registry could not be
 * reached or did not answer in time), {@link #errorCode()} the registry's {@code error_code} ({@code -1} if none) and
 * {@link #registryMessage()} its {@code message} (or the transport error).
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String request, int status, int errorCode, String registryMessage, Throwable cause) {
        super(request + " -> " + (status < 0 ? "registry unreachable" : "HTTP " + status)
                + (errorCode >= 0 ? " error_code " + errorCode : "") + ": " + registryMessage, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    public String registryMessage() {
        return registryMessage;
    }

    /** 404: unknown subject, version or schema id. */
    public boolean isNotFound() {
        return status == 404;
    }

    /** 409: the registry refused a schema that breaks the subject's compatibility rule. */
    public boolean isIncompatible() {
        return status == 409;
    }

    /** The registry could not be reached, timed out or failed on its side (5xx): worth retrying later. */
    public boolean isTransient() {
        return status < 0 || status >= 500;
    }
}

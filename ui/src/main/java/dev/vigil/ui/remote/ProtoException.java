package dev.vigil.ui.remote;

/** A protobuf message that does not decode: truncated, a wrong wire type, invalid UTF-8 in a string. */
public final class ProtoException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtoException(String message) {
        super(message);
    }
}

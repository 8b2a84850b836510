package dev.vigil.alerting.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A request the API answers with an error, in one of Alertmanager's two shapes: go-swagger's
 * {@code {"code":N,"message":"..."}} for requests that do not fit the API's schema (HTTP 400 for unreadable JSON,
 * 422 for missing or mistyped fields), and a bare JSON string for requests the handler rejects (400, 404, 500).
 */
final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    /** go-swagger's code for a value of the wrong type or format. */
    static final int INVALID_TYPE = 601;
    /** go-swagger's code for a missing required value. */
    static final int REQUIRED = 602;

    final int status;
    final String body;

    private ApiException(int status, String body, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** A schema violation: HTTP 422 for swagger codes of 600 and above, else the code itself. */
    static ApiException schema(int code, String message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("code", code);
        node.put("message", message);
        return new ApiException(code >= 600 ? 422 : code, node.toString(), message);
    }

    /** A rejected request whose payload is the message as a JSON string. */
    static ApiException payload(int status, String message) {
        return new ApiException(status, TextNode.valueOf(message).toString(), message);
    }

    /** A status without a body (Alertmanager's 404 for unknown silences). */
    static ApiException empty(int status) {
        return new ApiException(status, "", "HTTP " + status);
    }
}

package dev.vigil.alerting.template;

/**
 * A template could not be parsed or executed. The message reads like Go's text/template errors, e.g. {@code
 * template: __alert_Foo:1:12: executing "__alert_Foo" at <humanize $value>: error calling humanize: ...}, so that
 * users who know Prometheus recognise it.
 */
public final class TemplateException extends Exception {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}

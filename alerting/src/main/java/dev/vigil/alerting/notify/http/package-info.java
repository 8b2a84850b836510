/** The HTTP client side shared by integrations: posting, auth and response classification. */
package dev.vigil.alerting.notify.http;

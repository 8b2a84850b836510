/** The HTTP server: routes, request metrics and the health, readiness, metrics and lifecycle endpoints. */
package dev.vigil.server.http;
